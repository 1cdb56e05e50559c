import type { Logger } from '@trustwatch/logging';
import type { Alert } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import {
  EmbeddedPipeline,
  type PipelineOptions,
  type TrustChangedEvent,
} from '../pipeline/embedded-pipeline.js';
import { finalScores, type FinalScore } from '../pipeline/final-scores.js';
import { renderAlert, renderChange, renderFinalTable, renderStep, shortTime } from '../output/render.js';
import type { Terminal } from '../output/terminal.js';
import { choosePort, serveApi, servedUrl, type ServedApi } from '../serve/serve-api.js';
import { demoCatalog } from './reference-data.js';
import { loadDemoScenario, type DemoScenario, type DemoStep } from './scenario.js';

export interface DemoOptions {
  /** Simulated days per real second between timeline steps. */
  readonly speed: number;
  /** NDJSON on stdout instead of the readable story; no pacing. */
  readonly json: boolean;
  readonly policy: Policy;
  /** The alerter's rules file; the shipped rules when absent. */
  readonly rulesFile?: string | URL;
  readonly log: Logger;
  /** Run on another bus and store than the memory ones (see {@link PipelineOptions}). */
  readonly adapters?: PipelineOptions['adapters'];
  /** After the replay, serve the API over the demo's store on this port until `until` resolves. */
  readonly serve?: { readonly port: number; until(api: ServedApi): Promise<void> };
}

/** What one timeline step caused. */
export interface DemoStepResult {
  readonly step: DemoStep;
  readonly changes: readonly TrustChangedEvent[];
  readonly alerts: readonly Alert[];
}

/** What a demo run produced, step by step: what the end-to-end test checks the story against. */
export interface DemoResult {
  readonly steps: readonly DemoStepResult[];
  readonly finals: readonly FinalScore[];
}

/** No pause between two steps is longer than this, however far apart they are (years, for the advisories). */
export const MAX_PAUSE_MS = 3000;
const DAY_MS = 86_400_000;

async function seed(pipeline: EmbeddedPipeline, scenario: DemoScenario): Promise<void> {
  for (const fleet of scenario.fleets) {
    const source = { format: 'json', document: fleet.document } as const;
    await pipeline.importFleet(fleet.customerId, source, scenario.start);
  }
  for (const link of scenario.suppliers) await pipeline.store.linkSupplier(link, true);
}

function intro(scenario: DemoScenario, speed: number, term: Terminal): string {
  const assets = scenario.fleets.reduce((n, f) => n + f.assets.length, 0);
  return (
    `${term.color.bold('Trustwatch demo')}: memory bus, memory store, trust engine and alerter in one process.\n` +
    `Loaded ${scenario.fleets.length} fictional customers (${assets} servers) and ` +
    `${scenario.suppliers.length} supplier links as of ${shortTime(scenario.start)}; ` +
    `replaying ${scenario.steps.length} steps at ${speed} days per second.\n`
  );
}

function servingNote(api: ServedApi, customerId: string, c: Terminal['color']): string {
  return (
    `\n${c.bold('Dashboard')} at ${c.cyan(`${api.url}/`)} and the API under ${api.url}/v1 (127.0.0.1 only).\n` +
    `Sign in with this admin key, valid for this run only:\n  ${api.apiKey}\n` +
    `  curl -H 'X-Api-Key: ${api.apiKey}' ${api.url}/v1/customers/${customerId}/trust\n` +
    c.dim('Press Ctrl-C to stop.\n')
  );
}

/**
 * The embedded demo: loads the sample portfolio and supplier registry into the in-process pipeline, then
 * replays the timeline step by step on the pipeline's clock, printing the trust changes and alerts each
 * step causes, and ends with every customer's final scores.
 */
export async function runDemo(options: DemoOptions, term: Terminal): Promise<DemoResult> {
  const scenario = loadDemoScenario();
  const catalog = demoCatalog();
  const names = (id: string): string => catalog.get(id)?.name ?? id.replace(/^vendor:/, '');
  const c = term.color;
  const emit = (line: object): void => term.out(`${JSON.stringify(line)}\n`);
  // Chosen before the replay: the alerts raised on the way link to the dashboard this run serves.
  const port = options.serve === undefined ? undefined : await choosePort(options.serve.port);
  const pipeline = await EmbeddedPipeline.start({
    policy: options.policy,
    log: options.log,
    start: scenario.start,
    ...(options.adapters === undefined ? {} : { adapters: options.adapters }),
    alerting: {
      ...(options.rulesFile === undefined ? {} : { rulesFile: options.rulesFile }),
      ...(port === undefined ? {} : { dashboardBaseUrl: servedUrl(port) }),
    },
  });
  try {
    await seed(pipeline, scenario);
    if (!options.json) term.out(intro(scenario, options.speed, term));
    const steps: DemoStepResult[] = [];
    let previous = scenario.start;
    for (const step of scenario.steps) {
      if (!options.json) {
        const pause = ((step.at - previous) / DAY_MS / options.speed) * 1000;
        await term.wait(Math.min(MAX_PAUSE_MS, pause));
      }
      previous = step.at;
      const { changes, swept } = await pipeline.play(step.at, step.events);
      if (options.json) {
        emit({
          kind: 'step',
          at: new Date(step.at).toISOString(),
          input: step.kind,
          headline: step.headline,
        });
      } else {
        term.out(renderStep(step.at, step.kind, step.headline, c));
        if (changes.length === 0) term.out(c.dim('  no trust change\n'));
      }
      const alerts: Alert[] = [...swept];
      for (const alert of swept) {
        if (options.json) emit({ kind: 'alert', alert });
        else term.out(renderAlert(alert, c));
      }
      for (const change of changes) {
        const raised = pipeline.alertsOf(change);
        alerts.push(...raised);
        if (options.json) {
          emit({ kind: 'trust_changed', event: change });
          for (const alert of raised) emit({ kind: 'alert', alert });
        } else {
          term.out(renderChange(change.data, names, c));
          for (const alert of raised) term.out(renderAlert(alert, c));
        }
      }
      steps.push({ step, changes, alerts });
    }
    const customers = scenario.fleets.map((f) => f.customerId);
    const finals = await finalScores(pipeline.store, customers, previous, options.policy);
    if (options.json) {
      for (const score of finals) emit({ kind: 'final_score', ...score });
    } else {
      term.out(`\n${c.bold(`Scores at ${shortTime(previous)}`)} (recomputed from each customer's factors)\n`);
      term.out(renderFinalTable(finals, names, c));
      if (options.serve === undefined)
        term.out(c.dim('\nRun without --no-serve to browse these results on the dashboard.\n'));
    }
    if (options.serve !== undefined && port !== undefined) {
      const api = await serveApi({
        store: pipeline.store,
        policy: options.policy,
        customerIds: customers,
        alerter: pipeline.alerter,
        log: options.log,
        port,
      });
      try {
        if (options.json) emit({ kind: 'serving', url: `${api.url}/`, apiKey: api.apiKey });
        else term.out(servingNote(api, customers[0] ?? 'customer', c));
        await options.serve.until(api);
      } finally {
        await api.close();
      }
    }
    return { steps, finals };
  } finally {
    await pipeline.close();
  }
}
