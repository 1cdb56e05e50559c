import { readFile } from 'node:fs/promises';
import {
  emptyAlertState,
  evaluateChange,
  parseRules,
  type CustomerAlertState,
  type FactorFacts,
  type RuleFile,
} from '@trustwatch/alerting';
import type { Alert, TrustChanged } from '@trustwatch/schemas';
import { credibilityAt, type Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';
import { CliError } from '../errors.js';

/**
 * The rules shipped with @trustwatch/alerting. Its package exports no file path, so the file is found
 * relative to this one, which sits one level under the CLI's src/ and dist/ alike.
 */
export const DEFAULT_RULES_URL = new URL(
  '../../../../packages/alerting/config/default.rules.yaml',
  import.meta.url,
);

/** Reads and validates an alert rules file (the shipped default when no path is given). */
export async function loadRules(path: string | URL = DEFAULT_RULES_URL): Promise<RuleFile> {
  try {
    return parseRules(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new CliError(
      'INPUT_INVALID',
      `cannot use the alert rules at ${String(path)}`,
      'check the file against packages/alerting/config/default.rules.yaml',
      cause,
    );
  }
}

/**
 * The alerting rules applied in-process to each trust change, in order, with one alert state per
 * customer: what the alerter service does on the trust.changed topic, minus routing and delivery.
 */
export class AlertStage {
  private readonly states = new Map<string, CustomerAlertState>();

  constructor(
    private readonly rules: RuleFile,
    private readonly policy: Policy,
    /**
     * Base of the dashboard links the alerts carry (the API service serves the dashboard). A
     * `.localhost` name (RFC 6761: always loopback) because alert links must be URLs with a domain.
     */
    private readonly dashboardBaseUrl = 'http://trustwatch.localhost:8080',
  ) {}

  /** The alerts (firing, updated or resolved) one trust change causes. */
  async evaluate(change: TrustChanged, store: TrustStore): Promise<readonly Alert[]> {
    const state = this.states.get(change.customerId) ?? emptyAlertState(change.customerId);
    const result = evaluateChange(state, change, {
      rules: this.rules,
      dashboardBaseUrl: this.dashboardBaseUrl,
      factorFacts: await this.factsOf(change, store),
    });
    this.states.set(change.customerId, result.state);
    return result.alerts;
  }

  // Credibility now (after denials) and CVSS, for the rules with a bar; the change carries them when the
  // engine filled them in, else they come from the stored factors.
  private async factsOf(change: TrustChanged, store: TrustStore): Promise<Map<string, FactorFacts>> {
    const stored = new Map((await store.getFactors(change.customerId)).map((f) => [f.id, f]));
    const facts = new Map<string, FactorFacts>();
    for (const factor of change.factors) {
      const known = stored.get(factor.id);
      const credibility =
        factor.credibility ??
        (known === undefined ? undefined : credibilityAt(known, change.at, this.policy));
      const cvss = factor.cvssBaseScore ?? known?.details?.cvssBaseScore;
      facts.set(factor.id, {
        ...(credibility === undefined ? {} : { credibility }),
        ...(cvss === undefined ? {} : { cvssBaseScore: cvss }),
      });
    }
    return facts;
  }
}
