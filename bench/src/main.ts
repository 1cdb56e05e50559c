import { resolve } from 'node:path';
import { loadBenchConfig } from './config.js';
import { renderMarkdown, writeResults } from './report.js';
import { runBench } from './run-bench.js';

// `npm run bench`: the default run against the shared local broker and Redis (see README.md).
const config = loadBenchConfig();
const result = await runBench(config);
const file = await writeResults(
  resolve(config.resultsDir),
  result,
  resolve(config.resultsDir, '..', 'RESULTS.md'),
);
process.stdout.write(renderMarkdown(result));
process.stdout.write(`\nresults: ${file}\n`);
process.exitCode = result.gate.passed ? 0 : 1;
