/**
 * Text as people paste it into spreadsheets: copied from web pages and PDFs it carries no-break
 * spaces, zero-width spaces and decomposed accents that look right but compare wrong.
 */

/** Invisible characters that carry nothing: zero-width space/joiners, word joiner, BOM. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Any run of white space, including the no-break spaces (U+00A0, U+2007, U+202F). */
const WHITE_SPACE = /\s+/g;

/**
 * Whether text is already normal: no white space but single inner spaces, nothing invisible,
 * and nothing NFC could change (every character below U+0300 is stable under NFC). Most cells
 * are such text and mapRow runs on millions of cells, so this is a loop rather than a regex.
 */
function isNormal(text: string): boolean {
  const last = text.length - 1;
  let previous = 0;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === last || previous === 0x20) return false;
    } else if (c < 0x20 || c === 0xa0 || c >= 0x300) {
      return false;
    }
    previous = c;
  }
  return true;
}

/**
 * Trims, turns every run of white space (no-break spaces too) into one space, removes
 * zero-width characters, and composes accents (NFC). Idempotent.
 */
export function normalizeText(text: string): string {
  if (isNormal(text)) return text;
  // Invisible characters go first so that they neither split a run of spaces nor end up
  // between a letter and its accent; NFC comes last because the steps before can join
  // a base letter to a combining mark.
  return text.replace(INVISIBLE, '').replace(WHITE_SPACE, ' ').trim().normalize('NFC');
}

/**
 * Text kept exactly as written (phone numbers, post codes): only the white space around it and
 * invisible characters go.
 */
export function normalizeVerbatim(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

/** A number as a person would type it: plain digits, never `1e+21` notation. */
export function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}
