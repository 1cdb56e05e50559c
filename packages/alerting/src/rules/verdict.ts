import type { AlertLabels, TrustChanged } from '@trustwatch/schemas';
import type { CustomerAlertState, ScoreWindow } from './alert-state.js';

/** What one rule concludes about one alert from one change: firing (condition holds) or cleared. */
export interface Verdict {
  readonly labels: AlertLabels;
  readonly scopeKey: string;
  readonly firing: boolean;
  readonly summaryTemplate: string;
  readonly thresholdValue?: number;
  /** Factor rules: every qualifying factor still behind the alert. */
  readonly factorIds?: readonly string[];
  /** Factor rules: the qualifying factors of this change, listed in the alert as its evidence. */
  readonly shownFactorIds?: ReadonlySet<string>;
}

/** Facts about a factor that the trust change leaves out; the caller looks them up in the store. */
export interface FactorFacts {
  /** Credibility now (after reassessments), 0..1. */
  readonly credibility?: number;
  /** CVSS base score of the advisory behind an `advisory_exposure` factor. */
  readonly cvssBaseScore?: number;
}

/** What a rule sees: the change, the customer's state, and the facts about the change's factors. */
export interface RuleInput {
  readonly change: TrustChanged;
  readonly state: CustomerAlertState;
  readonly factFor: (factorId: string) => FactorFacts | undefined;
  /** Drop rules record scores here; the evaluator writes them into the next state. */
  readonly windows: Record<string, ScoreWindow>;
}
