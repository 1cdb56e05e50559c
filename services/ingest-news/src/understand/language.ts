import { francAll } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';

/** Below this many characters trigram statistics are noise; franc itself says `und` under 10. */
const MIN_DETECT_CHARS = 20;

/**
 * English wins when its trigram score is within this share of the best language's. On short Latin-script
 * texts franc's scores are close (an English headline can read as 0.96 English to 1.0 Italian), and
 * the two mistakes are not equal: an English story misread as Italian loses its claims, while a foreign
 * story misread as English only meets an English lexicon that finds nothing in it.
 */
const ENGLISH_MARGIN = 0.1;

/** ISO 639-3 individual languages whose BCP 47 tag is the macrolanguage's two-letter code. */
const MACRO: Readonly<Record<string, string>> = { cmn: 'zh', arb: 'ar', zlm: 'ms', pes: 'fa', swh: 'sw' };

/**
 * A BCP 47 language tag for a text: the tag the source declared when it is well-formed, otherwise
 * detected from the text (franc over trigrams), otherwise `und` (undetermined). Detection matters for
 * non-English stories: their claims are not read by the English lexicon, but entities still are.
 */
export function languageOf(text: string, declared?: string): string {
  const fromSource = declared === undefined ? undefined : canonicalTag(declared);
  if (fromSource !== undefined) return fromSource;
  if (text.length < MIN_DETECT_CHARS) return 'und';
  const scores = francAll(text.slice(0, 4000), { minLength: MIN_DETECT_CHARS });
  const english = scores.find(([language]) => language === 'eng')?.[1] ?? 0;
  const [code = 'und'] = english >= 1 - ENGLISH_MARGIN ? ['eng'] : (scores[0] ?? []);
  if (code === 'und') return 'und';
  return MACRO[code] ?? iso6393To1[code] ?? canonicalTag(code) ?? 'und';
}

function canonicalTag(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    return canonical;
  } catch {
    return undefined;
  }
}

/** The primary language subtag, lower case: `en-US` -> `en`. */
export function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
