import type { AlertLabels } from '@trustwatch/schemas';

// FNV-1a 64-bit, as Prometheus and Alertmanager fingerprint label sets: fast, stable across versions.
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
// Separates names from values and pairs from pairs; 0xff never occurs in UTF-8, so no two label sets
// serialise to the same bytes.
const SEPARATOR = 0xff;
const encoder = new TextEncoder();

/** A label set as sorted `[name, value]` pairs, without absent labels. */
export function labelPairs(labels: Readonly<Record<string, string | undefined>>): [string, string][] {
  return Object.entries(labels)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The fingerprint of a label set: 16 lower-case hex digits, the same for the same labels whatever
 * their order, so one condition is one alert however often it is re-evaluated.
 */
export function fingerprintOf(labels: Readonly<Record<string, string | undefined>>): string {
  let hash = FNV_OFFSET;
  const mix = (byte: number): void => {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  };
  for (const [name, value] of labelPairs(labels)) {
    for (const byte of encoder.encode(name)) mix(byte);
    mix(SEPARATOR);
    for (const byte of encoder.encode(value)) mix(byte);
    mix(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}

/** The labels of an alert, with `vendor` only when the alert concerns one vendor. */
export function alertLabels(
  customer: string,
  rule: string,
  severity: AlertLabels['severity'],
  vendor: string | undefined,
): AlertLabels {
  return vendor === undefined ? { customer, rule, severity } : { customer, vendor, rule, severity };
}
