import { basename } from 'node:path';
import { loadEntityCatalog } from '@trustwatch/entities';
import {
  classifyDocument,
  loadLexicon,
  loadOutletDirectory,
  type DocumentReading,
} from '@trustwatch/ingest-news';
import { EXIT, usageError } from '../errors.js';
import type { Palette } from '../output/terminal.js';
import { readInputBytes } from '../replay/read-inputs.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

function render(reading: DocumentReading, c: Palette): string {
  const lines = [`${c.bold('document')}: ${reading.kind}`];
  for (const story of reading.stories) {
    const grade = `${story.credibility.reliability}${story.credibility.credibility}`;
    lines.push(
      `\n${c.bold(story.title)} ${c.dim(`[${grade}] ${story.outlets.map((o) => o.name).join(', ')}`)}`,
    );
    for (const claim of story.claims) {
      const answers = claim.answersStoryId === undefined ? '' : c.dim(` (answers ${claim.answersStoryId})`);
      lines.push(`  ${c.cyan(claim.kind)} ${claim.stance} ${claim.entityId}${answers}: ${claim.sentence}`);
    }
    if (story.claims.length === 0) lines.push(c.dim('  no claim about a known entity'));
  }
  for (const advisory of reading.advisories) {
    lines.push(
      `\n${c.bold(advisory.advisoryId)}: ${advisory.title} ${c.dim(`CVSS ${advisory.severity.cvssScore ?? '?'}`)}`,
    );
    for (const product of advisory.affected) {
      const versions = product.versions.map((v) => `${v.version} ${v.status}`).join(', ');
      lines.push(`  ${product.vendorId} ${product.product}: ${versions}`);
    }
  }
  for (const denial of reading.denials) lines.push(`\n${c.green('denial')} ${JSON.stringify(denial)}`);
  for (const rejected of reading.rejected) lines.push(c.yellow(`rejected: ${JSON.stringify(rejected)}`));
  return `${lines.join('\n')}\n`;
}

export const newsCommand: Command = {
  name: 'news',
  summary: 'classify a news document (feed, STIX bundle, CVE record, HTML or text) as the ingester would',
  help: `Usage: trustwatch news classify FILE [--json]

Reads one document and prints what the news ingester makes of it: stories (deduplicated within the
document) with their entities, claims, stance and admiralty grade, CVE advisories with the products and
versions they affect, STIX denials, and feed items it rejected. Uses the shipped entity catalog, claim
lexicon and outlet table. Plain text and HTML carry no date: they are dated now.

Options:
  --json       the whole reading as one JSON object
  -h, --help   show this help

Examples:
  trustwatch news classify fixtures/public-data/cve-records/CVE-2024-10237.json
  trustwatch news classify feed.rss.xml --json | jq '.stories[].claims'
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('news', argv, { json: { type: 'boolean' } });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const [action, file, ...extra] = positionals;
    if (action !== 'classify')
      throw usageError(
        action === undefined ? 'news needs a subcommand: classify' : `unknown news subcommand "${action}"`,
        'news',
      );
    if (file === undefined) throw usageError('news classify needs a FILE', 'news');
    if (extra.length > 0)
      throw usageError(`news classify takes one file, got also "${extra.join(' ')}"`, 'news');
    const bytes = await readInputBytes(file);
    const reading = classifyDocument(
      // A local file gets a reserved, unroutable host, as the ingester documents.
      {
        bytes,
        url: `https://file.invalid/${encodeURIComponent(basename(file))}`,
        now: new Date().toISOString(),
      },
      { catalog: loadEntityCatalog(), lexicon: loadLexicon(), outlets: loadOutletDirectory() },
    );
    ctx.term.out(values['json'] === true ? `${JSON.stringify(reading)}\n` : render(reading, ctx.term.color));
    return EXIT.ok;
  },
};
