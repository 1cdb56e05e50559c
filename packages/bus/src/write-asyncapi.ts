// Regenerates packages/bus/asyncapi.json from the topic catalog:
//   npx tsc -b packages/bus && node packages/bus/dist/write-asyncapi.js
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from './asyncapi.js';
import { topicCatalog } from './topics.js';

const target = join(import.meta.dirname, '..', 'asyncapi.json');
writeFileSync(target, `${JSON.stringify(asyncApiDocument(topicCatalog()), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
