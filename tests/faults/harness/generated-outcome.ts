import { DLQ_HEADERS, type DeliveredRecord } from '@trustwatch/bus';
import { GENERATED_ID_HEADER, type GeneratedRecord } from './generated-events.js';

/** What happened to the generated records, judged against the in-process verdict of each. */
export interface GeneratedOutcome {
  readonly valid: number;
  readonly nearMisses: number;
  /** Generator faults: a "valid" record the decoders refuse, or a near-miss they accept. */
  readonly validRefusedInProcess: number;
  readonly nearMissesAcceptedInProcess: number;
  readonly validDeadLettered: number;
  readonly nearMissesDeadLettered: number;
  /** Dead letters whose `dlq-reason` is the code the decoders give in-process, with a message. */
  readonly lettersWithExpectedReason: number;
  /** Dead letters of records that were never published (must be 0). */
  readonly strayLetters: number;
  /** Near-miss kind -> the reasons its dead letters carried. */
  readonly reasonsByKind: ReadonlyMap<string, ReadonlySet<string>>;
  /** Up to five records that ended otherwise than expected, for the report. */
  readonly surprises: readonly string[];
}

/** Matches every dead letter to its generated record (by the id header) and counts the endings. */
export function judgeGenerated(
  records: readonly GeneratedRecord[],
  letters: readonly DeliveredRecord[],
): GeneratedOutcome {
  const byId = new Map(records.map((r) => [r.id, r]));
  const lettered = new Map<string, DeliveredRecord>();
  let strayLetters = 0;
  for (const letter of letters) {
    const id = letter.headers[GENERATED_ID_HEADER] ?? '';
    if (byId.has(id)) lettered.set(id, letter);
    else strayLetters += 1;
  }
  const reasonsByKind = new Map<string, Set<string>>();
  const surprises: string[] = [];
  const surprise = (text: string) => {
    if (surprises.length < 5) surprises.push(text);
  };
  const counts = {
    valid: 0,
    nearMisses: 0,
    validRefusedInProcess: 0,
    nearMissesAcceptedInProcess: 0,
    validDeadLettered: 0,
    nearMissesDeadLettered: 0,
    lettersWithExpectedReason: 0,
  };
  for (const record of records) {
    const letter = lettered.get(record.id);
    const reason = letter?.headers[DLQ_HEADERS.reason];
    const message = letter?.headers[DLQ_HEADERS.message] ?? '';
    if (record.kind === 'valid') {
      counts.valid += 1;
      if (record.verdict !== 'accepted') counts.validRefusedInProcess += 1;
      if (letter !== undefined) {
        counts.validDeadLettered += 1;
        surprise(`valid ${record.id} dead-lettered: ${String(reason)} ${message.slice(0, 200)}`);
      }
      continue;
    }
    counts.nearMisses += 1;
    if (record.verdict === 'accepted') {
      counts.nearMissesAcceptedInProcess += 1;
      surprise(`near-miss ${record.id} (${record.kind} at ${record.path}) accepted by the decoders`);
    }
    if (letter === undefined) {
      surprise(`near-miss ${record.id} (${record.kind} at ${record.path}) was not dead-lettered`);
      continue;
    }
    counts.nearMissesDeadLettered += 1;
    const reasons = reasonsByKind.get(record.kind) ?? new Set<string>();
    reasons.add(reason ?? 'none');
    reasonsByKind.set(record.kind, reasons);
    if (reason === record.verdict && message !== '') counts.lettersWithExpectedReason += 1;
    else surprise(`near-miss ${record.id} dead-lettered with ${String(reason)}, expected ${record.verdict}`);
  }
  return { ...counts, strayLetters, reasonsByKind, surprises };
}
