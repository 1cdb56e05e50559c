import { decodeXML } from 'entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IngestNewsError } from '../errors.js';

/** A parsed XML element as fast-xml-parser returns it: text, attributes (`@_name`) and children. */
export type XmlNode = string | { readonly [key: string]: unknown };

/**
 * Refuses any document type declaration before the root element. Entity-expansion ("billion laughs")
 * and external-entity (XXE) attacks both need a DTD, and no RSS or Atom feed needs one, so refusing it
 * outright is simpler and safer than expanding entities under a budget. Comments and processing
 * instructions in the prolog are skipped so a DOCTYPE cannot hide behind them.
 */
export function assertNoDtd(text: string, source?: string): void {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text.charAt(at))) at += 1;
    if (text.startsWith('<?', at)) at = skipPast(text, at, '?>');
    else if (text.startsWith('<!--', at)) at = skipPast(text, at, '-->');
    else break;
  }
  if (text.startsWith('<!', at)) {
    throw new IngestNewsError('XML_DTD_REFUSED', 'document type declarations are refused', {
      ...(source === undefined ? {} : { source }),
    });
  }
}

function skipPast(text: string, from: number, end: string): number {
  const found = text.indexOf(end, from);
  return found === -1 ? text.length : found + end.length;
}

const parser = new XMLParser({
  // Entities stay unexpanded inside the parser; text is decoded afterwards with the five predefined
  // XML entities and numeric references only (decodeXML), which cannot grow or reach outside.
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '#cdata',
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

/** Parses XML text that has already been size-checked and decoded; refuses DTDs and malformed input. */
export function parseXml(text: string, source?: string): Record<string, unknown> {
  assertNoDtd(text, source);
  const where = source === undefined ? {} : { source };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new IngestNewsError(
      'XML_MALFORMED',
      `malformed XML at line ${valid.err.line}: ${valid.err.code}`,
      where,
    );
  }
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (cause) {
    // The parser's own limits (nesting depth among them) throw plain Errors; they are bad input too.
    throw new IngestNewsError('XML_MALFORMED', 'XML exceeds the parser limits', { ...where, cause });
  }
}

/**
 * The text of an element: CDATA sections verbatim, ordinary text with XML entities decoded. Returns
 * undefined for a missing or empty element.
 */
export function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node === '' ? undefined : decodeXML(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const cdata = record['#cdata'];
    const text = record['#text'];
    const raw = typeof cdata === 'string' ? cdata : textOf(cdata);
    const parts = [raw, textOf(text)].filter((part): part is string => part !== undefined);
    return parts.length === 0 ? undefined : parts.join('');
  }
  return undefined;
}

/** An attribute of an element, decoded, or undefined. */
export function attributeOf(node: unknown, name: string): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const value = (node as Record<string, unknown>)[`@_${name}`];
  return typeof value === 'string' ? decodeXML(value) : undefined;
}
