/**
 * WHATWG Encoding Standard index for windows-1252 bytes 0x80-0x9F (the other bytes equal their code
 * point). Needed because Node's TextDecoder decodes windows-1252 as ISO-8859-1 in several releases
 * this project supports (nodejs/node#56542 and #60888: 20.18.3-20.19.x, 22.13+, 24.x before the fix),
 * which turns curly quotes and dashes in feeds into C1 control characters.
 */
const HIGH_BLOCK = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes windows-1252 (which WHATWG also uses for every `latin1`/`iso-8859-1` label) exactly. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 8192;
  for (let from = 0; from < bytes.length; from += CHUNK) {
    const codes = Array.from(bytes.subarray(from, from + CHUNK), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? (HIGH_BLOCK[byte - 0x80] ?? byte) : byte,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}
