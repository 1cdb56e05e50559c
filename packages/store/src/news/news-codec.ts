import { StoreError } from '../errors.js';
import { keyPart } from './news-keys.js';
import type { NewsAssertion, NewsLedgerSlice } from './news-types.js';

/** A MinHash signature as 8 hex digits per value, so the script compares positions as substrings. */
export function toHex(signature: Uint32Array): string {
  return Array.from(signature, (value) => value.toString(16).padStart(8, '0')).join('');
}

export function fromHex(hex: string): Uint32Array {
  const signature = new Uint32Array(Math.floor(hex.length / 8));
  for (let i = 0; i < signature.length; i += 1)
    signature[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return signature;
}

/** `entityId|kind` split at the first bar (entity ids carry none, as the service's ledger assumes). */
function splitClaimKey(claimKey: string): [string, string] {
  const bar = claimKey.indexOf('|');
  return bar < 0 ? [claimKey, ''] : [claimKey.slice(0, bar), claimKey.slice(bar + 1)];
}

/** The recordNewsStory-2 write triples (encoded entity, type, kind) of one story's ledger slice. */
export function ledgerArgs(writes: NewsLedgerSlice): string[] {
  const args: string[] = [];
  for (const [claimKey] of writes.asserted) {
    const [entity, kind] = splitClaimKey(claimKey);
    args.push(keyPart(entity), 'a', kind);
  }
  for (const entry of writes.denied) {
    const [entity, kind] = splitClaimKey(entry);
    args.push(keyPart(entity), 'd', kind);
  }
  for (const entity of writes.answered) args.push(keyPart(entity), 'r', '');
  return args;
}

function assertion(field: string, value: string): { kind: string; entry: NewsAssertion } {
  const [, kind = '', ...rest] = field.split('|');
  const bar = value.indexOf('|');
  const seq = Number(value.slice(0, bar));
  if (bar < 0 || !Number.isInteger(seq) || kind === '') {
    throw new StoreError('CORRUPT_STATE', `news ledger field ${field} is not what this package writes`);
  }
  return { kind, entry: { storyId: rest.join('|'), group: value.slice(bar + 1), seq } };
}

/** Rebuilds a ledger slice from the entities' ledger hashes, lists in recording order. */
export function readLedger(
  entityIds: readonly string[],
  hashes: readonly Record<string, string>[],
): NewsLedgerSlice {
  const asserted = new Map<string, NewsAssertion[]>();
  const denied: string[] = [];
  const answered: string[] = [];
  entityIds.forEach((entityId, i) => {
    for (const [field, value] of Object.entries(hashes[i] ?? {})) {
      if (field.startsWith('a|')) {
        const { kind, entry } = assertion(field, value);
        const claimKey = `${entityId}|${kind}`;
        asserted.set(claimKey, [...(asserted.get(claimKey) ?? []), entry]);
      } else if (field === 'd|') denied.push(entityId);
      else if (field.startsWith('d|')) denied.push(`${entityId}|${field.slice(2)}`);
      else if (field === 'r|') answered.push(entityId);
    }
  });
  const lists = [...asserted].map(
    ([claimKey, list]) => [claimKey, list.sort((a, b) => a.seq - b.seq)] as const,
  );
  lists.sort(([, a], [, b]) => (a[0]?.seq ?? 0) - (b[0]?.seq ?? 0));
  return { asserted: lists, denied, answered };
}
