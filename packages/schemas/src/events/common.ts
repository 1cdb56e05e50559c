import { z } from 'zod';
import { redactUrl } from '../urls/redact-url.js';
import { COUNTRY_CODES } from './country-codes.js';

/**
 * Sub-schemas shared by the input event families. Every string and array is bounded so one event stays
 * far below the broker's record size limit, whatever a collector or feed sends.
 */

/** An ISO 8601 instant with an explicit offset (`Z` or `+08:00`): a local time without one is ambiguous. */
export const instantSchema = z.iso.datetime({ offset: true });

/** A calendar date (`2018-10-04`), for facts known only to the day (effective dates, release dates). */
export const calendarDateSchema = z.iso.date();

/**
 * Stable ids of customers, assets, vendors, suppliers and components: printable, no whitespace, so they
 * are safe in partition keys, Redis keys (hash tags) and URLs.
 */
export const stableIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/, 'must be a stable id: letters, digits and ._:@/+- only');

/** A display name (vendor, model, supplier, outlet): one line, bounded. */
export const nameSchema = z.string().trim().min(1).max(200);

/** A firmware or product version as the vendor writes it (`01.04.07`, `3.10b`, `BIOS 2.1.0 (2023-07)`). */
export const versionSchema = z.string().trim().min(1).max(128);

/**
 * A link shown to people or fetched by collectors: only http(s), never `javascript:` or `file:`. Every
 * input event's links become evidence, so parsing drops their credentials (see `redactUrl`).
 */
export const httpUrlSchema = z.httpUrl().max(2048).overwrite(redactUrl);

/** ISO 3166-1 alpha-2, upper case, and actually assigned (`TW`, not `XX` or `tw`). */
export const isoCountryCodeSchema = z
  .enum(COUNTRY_CODES as [string, ...string[]], {
    error: 'must be an assigned ISO 3166-1 alpha-2 country code in upper case',
  })
  // A named definition: the exported JSON Schema lists the 249 codes once and refers to them.
  .meta({ id: 'CountryCode', description: 'ISO 3166-1 alpha-2 country code (assigned codes only)' });

/** A BCP 47 language tag (`en`, `zh-Hant-TW`); checked against the runtime's own tag parser too. */
export const languageTagSchema = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag')
  .refine(isCanonicalisableTag, 'must be a well-formed BCP 47 language tag');

function isCanonicalisableTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const HASH_ALGORITHMS = ['sha256', 'sha384', 'sha512', 'md5'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];
const HEX_LENGTH: Record<HashAlgorithm, number> = { md5: 32, sha256: 64, sha384: 96, sha512: 128 };

/** An image digest; the hex length must match the algorithm, so a truncated digest never matches by accident. */
export const hashSchema = z
  .strictObject({
    algorithm: z.enum(HASH_ALGORITHMS),
    value: z
      .string()
      .regex(/^[0-9a-fA-F]+$/, 'must be hex')
      .max(128),
  })
  .refine((hash) => hash.value.length === HEX_LENGTH[hash.algorithm], {
    message: 'hex length does not match the hash algorithm',
    path: ['value'],
  });
export type Hash = z.infer<typeof hashSchema>;

/** Admiralty-scale source reliability: A completely reliable ... E unreliable, F cannot be judged. */
export const reliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Reliability = z.infer<typeof reliabilitySchema>;

/** The firmware component kinds Trustwatch tracks; anything else is `other`. */
export const COMPONENT_KINDS = ['bmc', 'bios', 'cpld', 'nic', 'storage', 'psu', 'gpu', 'other'] as const;
export const componentKindSchema = z.enum(COMPONENT_KINDS);
export type ComponentKind = z.infer<typeof componentKindSchema>;

/** Which image slot a component version lives in; golden and backup images are recovery paths attackers target. */
export const FIRMWARE_SLOTS = ['active', 'backup', 'golden', 'staging'] as const;
export const firmwareSlotSchema = z.enum(FIRMWARE_SLOTS);
export type FirmwareSlot = z.infer<typeof firmwareSlotSchema>;
