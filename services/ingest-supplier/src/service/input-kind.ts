import { parseUntrustedJson, stableId } from '@trustwatch/schemas';
import type { InputFile } from '../run-files.js';

/** Which parser a file goes to. */
export type InputKind = 'bom' | 'registry';

// CycloneDX's recommended file names: `bom.json` and `*.cdx.json`; `*.bom.json` is common in the wild.
const BOM_NAME = /(^|[\\/])bom\.json$|\.(cdx|bom)\.json$/i;

/**
 * BOM or registry snapshot: a `.csv` is a registry snapshot, a CycloneDX file name or a JSON object with
 * `bomFormat` is a BOM, any other file a registry snapshot. Text that is not JSON goes to the registry
 * parser, which refuses it as `INVALID_JSON` like the BOM parser would.
 */
export function inputKind(file: InputFile): InputKind {
  if (file.name.toLowerCase().endsWith('.csv')) return 'registry';
  if (BOM_NAME.test(file.name)) return 'bom';
  try {
    const document = parseUntrustedJson(file.text);
    return typeof document === 'object' && document !== null && 'bomFormat' in document ? 'bom' : 'registry';
  } catch {
    return 'registry';
  }
}

/**
 * The registry feed a snapshot file belongs to: its file name without extension and without the
 * `YYYY-MM-DD` day, lower-cased (`supermicro-2018-06-30.csv` and `Supermicro-2019-01-31.json` are both
 * feed `supermicro`). Successive snapshots of one feed are diffed against each other.
 */
export function registryFeed(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const feed = base
    .replace(/\.(json|csv)$/i, '')
    .replace(/[-_.]?\d{4}-\d{2}-\d{2}/, '')
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .toLowerCase();
  return feed === '' ? 'registry' : feed;
}

/** Identifies one version of one file: the same path with other content is new input. */
export function fileKey(file: InputFile): string {
  return stableId('file', file.name, file.text);
}
