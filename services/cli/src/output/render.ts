import type { Alert, TrustChanged } from '@trustwatch/schemas';
import type { FinalScore } from '../pipeline/final-scores.js';
import type { Palette } from './terminal.js';

/** Display name of a vendor id (`vendor:supermicro` -> `Supermicro`). */
export type VendorNames = (vendorId: string) => string;

const one = (n: number): string => n.toFixed(1);

/** `2018-10-04 09:00`: minutes are enough for a timeline that spans years. */
export function shortTime(iso: string | number): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/** A before -> after move, red when trust fell, green when it rose. */
function move(before: number, after: number, c: Palette): string {
  const delta = after - before;
  const text = `${one(before)} -> ${one(after)} (${delta >= 0 ? '+' : ''}${one(delta)})`;
  if (Math.abs(delta) < 0.05) return c.dim(text);
  return delta < 0 ? c.red(text) : c.green(text);
}

/** The line for one moment of a timeline: when, what kind of input, what happened. */
export function renderStep(at: number, kind: string, headline: string, c: Palette): string {
  return `\n${c.dim(shortTime(at))}  ${c.cyan(kind.toUpperCase().padEnd(8))} ${c.bold(headline)}\n`;
}

/** One trust change: the customer, its overall move, each vendor's move, the factors and crossings behind it. */
export function renderChange(change: TrustChanged, names: VendorNames, c: Palette): string {
  const lines = [
    `  ${c.bold(change.customerId.padEnd(22))} ${move(change.overall.before, change.overall.after, c)}`,
  ];
  for (const vendor of change.vendors) {
    lines.push(`      ${names(vendor.vendorId).padEnd(18)} ${move(vendor.before, vendor.after, c)}`);
  }
  for (const factor of change.factors) {
    const points = factor.contribution > 0 ? ` (${one(factor.contribution)} pts)` : '';
    lines.push(c.dim(`      ${factor.change} ${factor.kind.replaceAll('_', ' ')}${points}`));
  }
  for (const crossing of change.crossings) {
    const scope = crossing.scope.level === 'vendor' ? names(crossing.scope.vendorId) : 'overall';
    const arrow = crossing.direction === 'down' ? 'below' : 'back above';
    lines.push(c.yellow(`      ${scope} ${arrow} ${crossing.threshold} (${crossing.value})`));
  }
  return `${lines.join('\n')}\n`;
}

/** The final table: one row per customer (overall), then one per vendor of its fleet. */
export function renderFinalTable(scores: readonly FinalScore[], names: VendorNames, c: Palette): string {
  const width = Math.max(18, ...scores.flatMap((s) => s.vendors.map((v) => names(v.vendorId).length)));
  const header = `${'customer'.padEnd(22)} ${'vendor'.padEnd(width)} ${'score'.padStart(6)}  ${'band'.padEnd(8)} factors`;
  const rows = [c.bold(header)];
  const paint = (score: number, text: string): string =>
    score >= 99.95 ? c.green(text) : score < 60 ? c.red(text) : c.yellow(text);
  for (const s of scores) {
    const score = paint(s.score, one(s.score).padStart(6));
    rows.push(
      `${c.bold(s.customerId.padEnd(22))} ${'(overall)'.padEnd(width)} ${score}  ${(s.band ?? '-').padEnd(8)} ${s.activeFactors}`,
    );
    for (const v of s.vendors) {
      const vendorScore = paint(v.score, one(v.score).padStart(6));
      rows.push(`${''.padEnd(22)} ${names(v.vendorId).padEnd(width)} ${vendorScore}  ${v.band ?? '-'}`);
    }
  }
  return `${rows.join('\n')}\n`;
}

/** One alert as the alerter would route it: severity, status and its one-line summary. */
export function renderAlert(alert: Alert, c: Palette): string {
  const status =
    alert.status === 'resolved'
      ? c.green('RESOLVED')
      : alert.labels.severity === 'critical'
        ? c.red(c.bold('CRITICAL'))
        : c.yellow(alert.labels.severity.toUpperCase());
  return `    ${c.magenta('alert')} ${status} ${alert.summary}\n`;
}
