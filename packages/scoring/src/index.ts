// Public API of the pure trust model: no I/O, only @trustwatch/schemas and small pure libraries.
export { compareFirmwareVersions } from './versions/compare-firmware-versions.js';
export {
  cveVersionStatus,
  isVersionAffected,
  type CveAffectedProduct,
  type CveStatus,
  type CveVersionEntry,
} from './versions/cve-affected.js';
export { SCORING_ERROR_CODES, ScoringError, type ScoringErrorCode } from './errors.js';
export { policySchema, type KindPolicy, type Policy, type Threshold } from './policy/policy-schema.js';
export { parsePolicy } from './policy/parse-policy.js';
export { DEFAULT_POLICY_URL } from './policy/default-policy.js';
export {
  ADMIRALTY_CREDIBILITY,
  ADMIRALTY_RELIABILITY,
  admiraltyCredibility,
  admiraltyReliability,
} from './policy/admiralty.js';
export { credibilityAt, countedReassessments } from './model/credibility.js';
export { normalizeFactors, mergeFactor } from './model/factor-set.js';
export {
  decayAt,
  effectiveExposure,
  factorWeight,
  inScope,
  isActiveAt,
  type ScoreScope,
} from './model/weight.js';
export { factorLoads, scoreAt, type FactorLoad } from './model/score.js';
export { explain, type Attribution, type Explanation } from './model/explain.js';
export { bandOf, isMaterial, moveBand, type BandMove } from './model/bands.js';
export { summarize, type Evaluation, type SummarizeInput } from './model/summary.js';
export { nextCrossingAt } from './model/next-crossing.js';
export { countryRisk, severityFor, shareOf } from './factors/policy-terms.js';
export {
  classifyFirmwareChange,
  firmwareFactors,
  type FirmwareChange,
  type FirmwareObservation,
} from './factors/firmware.js';
export {
  firmwareFactorId,
  slotChangeWrites,
  SLOT_IMAGE_KINDS,
  type SlotLocation,
} from './factors/firmware-slot.js';
export { supplierFactors, type SupplierChange } from './factors/supplier.js';
export {
  answerClaim,
  newsClaimFactor,
  type ClaimAnswer,
  type NewsClaimFact,
  type NewsClaimKind,
} from './factors/news.js';
export { advisoryFactor, type AdvisoryExposure } from './factors/advisory.js';
export { FIRMWARE_CHANGE_FACTOR_KINDS, newsClaimRole, type NewsClaimRole } from './factors/input-kinds.js';
export { rerateFactor, resolveFactor } from './factors/lifecycle.js';
