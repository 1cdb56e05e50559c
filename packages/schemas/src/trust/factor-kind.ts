import { z } from 'zod';

/**
 * What a factor says about trust. Each kind has its own weight and half-life in the scoring policy;
 * the list is closed so a policy can be checked for covering every kind.
 */
export const FACTOR_KINDS = [
  // Firmware observed on the customer's own servers.
  'firmware_unknown_build',
  'firmware_image_swapped',
  'firmware_downgrade',
  'firmware_downgrade_below_minimum',
  'backup_image_changed',
  'firmware_component_added',
  'firmware_component_removed',
  // A published advisory affects a version the customer runs.
  'advisory_exposure',
  // A vendor's supply chain changed.
  'supplier_added',
  'supplier_removed',
  'supplier_relocation',
  // Claims in the news about a vendor or supplier.
  'news_allegation',
  'news_compromise',
  'news_malicious_firmware',
  'news_vulnerability',
  'sanctions',
] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];
export const factorKindSchema = z.enum(FACTOR_KINDS);

export const ENTITY_KINDS = ['vendor', 'supplier', 'product', 'firmware'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
