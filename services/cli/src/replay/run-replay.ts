import type { EntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { Alert, TrustwatchEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import type { SupplierLink } from '@trustwatch/store';
import { describeEvent, inputKind } from '../output/describe-event.js';
import { renderAlert, renderChange, renderFinalTable, renderStep, shortTime } from '../output/render.js';
import type { Terminal } from '../output/terminal.js';
import { EmbeddedPipeline, type TrustChangedEvent } from '../pipeline/embedded-pipeline.js';
import { finalScores, type FinalScore } from '../pipeline/final-scores.js';
import type { FleetInput } from './read-inputs.js';

export interface ReplayInput {
  readonly events: readonly TrustwatchEvent[];
  /** The news matcher's entity catalog: `news.published` articles are classified in-process with it. */
  readonly catalog: EntityCatalog;
  readonly fleets: readonly FleetInput[];
  readonly suppliers: readonly SupplierLink[];
  readonly policy: Policy;
  /** The alerter's rules file (a backtest of a rule change); the shipped rules when absent. */
  readonly rulesFile?: string;
  readonly json: boolean;
  readonly log: Logger;
  readonly vendorName: (vendorId: string) => string;
}

export interface ReplayResult {
  readonly changes: readonly TrustChangedEvent[];
  readonly alerts: readonly Alert[];
  readonly finals: readonly FinalScore[];
}

/** Events between two progress notes: often enough to see movement, rarely enough to cost nothing. */
const PROGRESS_EVERY = 25;

const timeOf = (event: TrustwatchEvent): number => Date.parse(event.time ?? '') || 0;

/**
 * Runs the embedded pipeline over recorded input events in time order (the order of the file for
 * events of one instant), fleets imported just before the first event, and prints what changed and the
 * final scores. The same run with another `--policy` is a backtest of that policy.
 */
export async function runReplay(input: ReplayInput, term: Terminal): Promise<ReplayResult> {
  const ordered = input.events.map((event, index) => ({ event, index }));
  ordered.sort((a, b) => timeOf(a.event) - timeOf(b.event) || a.index - b.index);
  const start = (ordered[0] === undefined ? Date.now() : timeOf(ordered[0].event)) - 1;
  const c = term.color;
  const emit = (line: object): void => term.out(`${JSON.stringify(line)}\n`);
  const pipeline = await EmbeddedPipeline.start({
    policy: input.policy,
    log: input.log,
    start,
    news: { catalog: input.catalog },
    ...(input.rulesFile === undefined ? {} : { alerting: { rulesFile: input.rulesFile } }),
  });
  try {
    for (const fleet of input.fleets) await pipeline.importFleet(fleet.customerId, fleet.source, start);
    for (const link of input.suppliers) await pipeline.store.linkSupplier(link, true);
    const changes: TrustChangedEvent[] = [];
    const alerts: Alert[] = [];
    let last = start;
    for (const [index, { event }] of ordered.entries()) {
      if (index % PROGRESS_EVERY === 0) term.progress(`replaying: ${index}/${ordered.length} events`);
      last = Math.max(last, timeOf(event));
      const { changes: caused, swept } = await pipeline.play(last, [event]);
      changes.push(...caused);
      alerts.push(...swept);
      if (!input.json) {
        term.out(renderStep(last, inputKind(event), describeEvent(event), c));
        if (caused.length === 0) term.out(c.dim('  no trust change\n'));
      }
      for (const alert of swept) {
        if (input.json) emit({ kind: 'alert', alert });
        else term.out(renderAlert(alert, c));
      }
      for (const change of caused) {
        const raised = pipeline.alertsOf(change);
        alerts.push(...raised);
        if (input.json) {
          emit({ kind: 'trust_changed', event: change });
          for (const alert of raised) emit({ kind: 'alert', alert });
        } else {
          term.out(renderChange(change.data, input.vendorName, c));
          for (const alert of raised) term.out(renderAlert(alert, c));
        }
      }
    }
    term.progress(null);
    const customers = new Set(input.fleets.map((f) => f.customerId));
    for (const change of changes) customers.add(change.data.customerId);
    const finals = await finalScores(pipeline.store, [...customers].sort(), last, input.policy);
    if (input.json) for (const score of finals) emit({ kind: 'final_score', ...score });
    else {
      term.out(`\n${c.bold(`Scores at ${shortTime(last)}`)}\n`);
      term.out(renderFinalTable(finals, input.vendorName, c));
    }
    return { changes, alerts, finals };
  } finally {
    await pipeline.close();
  }
}
