import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';

/** Block elements kept through sanitising only so their boundaries can become line breaks. */
const BLOCK_TAGS = ['p', 'br', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'blockquote', 'pre'];

/**
 * Turns untrusted HTML (feed descriptions, article bodies, CVE supporting media) into plain text.
 * sanitize-html drops scripts, styles and every attribute; what is left is a few bare block tags, which
 * become line breaks, and text whose entities are then decoded. Whitespace is collapsed per line.
 */
export function htmlToText(html: string): string {
  const safe = sanitizeHtml(html, {
    allowedTags: BLOCK_TAGS,
    allowedAttributes: {},
    // Script, style and form text is never article content; drop it with the tag.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'head', 'title'],
    disallowedTagsMode: 'discard',
  });
  // The sanitised output holds only attribute-free block tags from the list above, so a tag pattern
  // over it is exact rather than a guess at arbitrary HTML.
  const withBreaks = safe.replace(/<\/?[a-z0-9]+\s*\/?>/g, '\n');
  return decodeHTML(withBreaks)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** True when a string looks like markup rather than plain text (a tag or an entity reference). */
export function looksLikeHtml(text: string): boolean {
  return /<[a-zA-Z!/][^>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.test(text);
}
