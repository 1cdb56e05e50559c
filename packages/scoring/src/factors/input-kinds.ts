import type { ClaimKind, FactorKind, FirmwareChangeKind, ReassessmentKind } from '@trustwatch/schemas';
import type { NewsClaimKind } from './news.js';

/**
 * The factor kind each `firmware.changed` change kind stands for; `null` for an upgrade, which by
 * itself says nothing against trust (an upgrade to an unpublished image arrives as `unknown_build`).
 */
export const FIRMWARE_CHANGE_FACTOR_KINDS: Readonly<Record<FirmwareChangeKind, FactorKind | null>> = {
  upgrade: null,
  downgrade: 'firmware_downgrade',
  downgrade_below_minimum: 'firmware_downgrade_below_minimum',
  image_swapped: 'firmware_image_swapped',
  unknown_build: 'firmware_unknown_build',
  backup_image_changed: 'backup_image_changed',
  component_added: 'firmware_component_added',
  component_removed: 'firmware_component_removed',
};

/** What a claim in a `news.classified` story does to trust. */
export type NewsClaimRole =
  | { readonly role: 'claim'; readonly kind: NewsClaimKind }
  | { readonly role: 'answer'; readonly kind: ReassessmentKind }
  | { readonly role: 'none' };

const CLAIMS: Partial<Record<ClaimKind, NewsClaimKind>> = {
  backdoor_allegation: 'news_allegation',
  compromise: 'news_compromise',
  malicious_firmware: 'news_malicious_firmware',
  vulnerability_disclosure: 'news_vulnerability',
  sanctions: 'sanctions',
};

const ANSWERS: Partial<Record<ClaimKind, ReassessmentKind>> = {
  denial: 'denial',
  retraction: 'retraction',
  audit_clearance: 'audit_clear',
};

/**
 * Maps a classified news claim to its part in the model: a new claim (a shared factor), an answer to
 * an earlier story's claim (a reassessment), or nothing (`relocation` arrives as `supplier.changed`).
 * A story that `denies` a claim kind answers it as a denial; an asserting story answering an earlier
 * story corroborates it. A negated answer ("has not retracted", "did not deny") answers nothing.
 */
export function newsClaimRole(
  kind: ClaimKind,
  stance: 'asserts' | 'denies' | 'hedged',
  answersStoryId?: string,
): NewsClaimRole {
  const answer = ANSWERS[kind];
  if (answer !== undefined) return stance === 'denies' ? { role: 'none' } : { role: 'answer', kind: answer };
  const claim = CLAIMS[kind];
  if (claim === undefined) return { role: 'none' };
  if (stance === 'denies') return { role: 'answer', kind: 'denial' };
  if (answersStoryId !== undefined && stance === 'asserts') return { role: 'answer', kind: 'corroboration' };
  return { role: 'claim', kind: claim };
}
