import { StoreError } from './errors.js';
import type { ApplyExtras, ApplyOutcome, CustomerEffects, KafkaPosition } from './port.js';

function fail(message: string): never {
  throw new StoreError('INVALID_ARGUMENT', message);
}

/**
 * Checks one customer's effects before anything is sent: both adapters refuse the same inputs, and the
 * Redis scripts check again (a second line for callers that reach them another way).
 */
export function checkEffects(effects: CustomerEffects): void {
  if (effects.customerId === '' || effects.eventId === '') fail('customerId and eventId must not be empty');
  if (!Number.isSafeInteger(effects.version)) fail('version must be an integer (event time in ms)');
  for (const factor of effects.factors ?? []) {
    if (factor.customerId !== effects.customerId) fail(`factor ${factor.id} belongs to another customer`);
  }
  for (const exposure of effects.exposures ?? []) {
    if (exposure.customerId !== effects.customerId)
      fail(`exposure ${exposure.factorId} belongs to another customer`);
  }
  if (effects.summary !== undefined && effects.summary.customerId !== effects.customerId) {
    fail('summary belongs to another customer');
  }
  if (effects.change !== undefined && effects.change.customerId !== effects.customerId) {
    fail('trust change belongs to another customer');
  }
  if (effects.position !== undefined) checkPosition(effects.position);
}

/** Kafka offsets are int64 strings; the store keeps them as strings but compares them as integers. */
export function checkPosition(position: KafkaPosition): void {
  if (position.topic === '') fail('topic must not be empty');
  if (!Number.isSafeInteger(position.partition) || position.partition < 0) fail('partition must be >= 0');
  if (!/^\d{1,15}$/.test(position.offset)) fail('offset must be a non-negative integer string');
}

/** The progress field of a position inside a customer's progress hash. */
export function progressField(position: KafkaPosition): string {
  return `${position.topic}/${String(position.partition)}`;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Where an apply's Kafka position goes: always (`progress`), or only when no customer conflicted. */
export interface ProgressPlan {
  readonly position: KafkaPosition;
  readonly ifClean: boolean;
}

/** Checks an apply's positions and says how to record them; both adapters refuse the same inputs. */
export function progressPlan(extras: ApplyExtras): ProgressPlan | undefined {
  const { progress, progressIfClean } = extras;
  if (progress !== undefined && progressIfClean !== undefined)
    fail('give progress or progressIfClean, not both');
  const position = progress ?? progressIfClean;
  if (position === undefined) return undefined;
  checkPosition(position);
  return { position, ifClean: progressIfClean !== undefined };
}

/** True when none of the outcomes is a conflict: a `progressIfClean` position may be recorded. */
export function noConflict(outcomes: readonly ApplyOutcome[]): boolean {
  return outcomes.every((o) => o.status !== 'conflict');
}
