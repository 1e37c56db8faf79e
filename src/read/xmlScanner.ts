/** What an XML scanner reports; names are as written (prefix included, see localName). */
export interface XmlHandler {
  /** An element opens; `attributes` is its raw attribute text (see attribute, parseAttributes). */
  open(name: string, attributes: string): void;
  /**
   * Character data, entities decoded, line ends normalised to `\n` (CDATA as written, line ends
   * normalised). One text node may come in several calls, as the chunks holding it arrive: a
   * caller that bounds the length of a value sees it grow and can stop early.
   */
  text(text: string): void;
  /** An element closes (also right after `open` for `<empty/>`). */
  close(name: string): void;
}

/** The longest markup the scanner holds while looking for its end, in characters. */
export interface XmlLimits {
  /** A start or end tag, name and attributes: a worksheet's are under 200 characters. */
  readonly tag: number;
  /** A comment, processing instruction, DOCTYPE or CDATA section. */
  readonly markup: number;
}

export const XML_LIMITS: XmlLimits = { tag: 64 * 1024, markup: 1024 * 1024 };

/** The markup a limit applies to. */
export type XmlLimitKind = 'tag' | 'comment' | 'cdata' | 'pi' | 'doctype';

const LABELS: Readonly<Record<XmlLimitKind, string>> = {
  tag: 'tag',
  comment: 'comment',
  cdata: 'CDATA section',
  pi: 'processing instruction',
  doctype: 'DOCTYPE or declaration',
};

/**
 * A tag, or a comment, CDATA section, processing instruction or DOCTYPE, longer than its limit:
 * no spreadsheet program writes one, so the file is refused rather than held in memory.
 */
export class XmlLimitError extends Error {
  override readonly name = 'XmlLimitError';
  constructor(
    readonly kind: XmlLimitKind,
    /** The limit passed, in characters. */
    readonly limit: number,
  ) {
    super(`XML has a ${LABELS[kind]} longer than ${limit} characters`);
  }
}

/** A NUL character (U+0000) in the XML, which XML 1.0 forbids anywhere. */
export class XmlNulError extends Error {
  override readonly name = 'XmlNulError';
  constructor(
    /** 0-based position of the NUL among the characters fed. */
    readonly offset: number,
  ) {
    super(`XML has a NUL character (U+0000) at character ${offset}`);
  }
}

/** `x:row` → `row`: some writers (the .NET Open XML SDK) prefix every element. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Digits a character reference may have (leading zeros are legal): a longer one stays as written.
 * Bounding it bounds what the scanner holds back when a chunk ends inside a reference.
 */
const MAX_DIGITS = 16;
const REFERENCE = `&(?:#x([0-9a-fA-F]{1,${MAX_DIGITS}})|#([0-9]{1,${MAX_DIGITS}})|(lt|gt|amp|quot|apos));`;
/** `&#x` and MAX_DIGITS digits: a tail of text from `&` this long without `;` may still decode. */
const REFERENCE_HOLD = 3 + MAX_DIGITS;

const REFERENCES = new RegExp(REFERENCE, 'g');
/** In text, a CR LF or a lone CR is read as LF (XML 1.0 §2.11). */
const TEXT_ESCAPES = new RegExp(`${REFERENCE}|\\r\\n?`, 'g');
/** In an attribute value, line ends and tabs are read as a space (XML 1.0 §3.3.3). */
const VALUE_ESCAPES = new RegExp(`${REFERENCE}|\\r\\n?|[\\n\\t]`, 'g');

/** Whether `code` is a character XML 1.0 allows (§2.2): a reference to any other stays as written. */
function isXmlChar(code: number): boolean {
  return code >= 0x20
    ? code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
    : code === 0x9 || code === 0xa || code === 0xd;
}

function reference(whole: string, hex?: string, decimal?: string, name?: string): string {
  if (name !== undefined) return ENTITIES[name] ?? whole;
  if (hex === undefined && decimal === undefined) return whole;
  const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal ?? '', 10);
  return isXmlChar(code) ? String.fromCodePoint(code) : whole;
}

function textEscape(whole: string, hex?: string, decimal?: string, name?: string): string {
  return whole.charCodeAt(0) === 0x26 ? reference(whole, hex, decimal, name) : '\n';
}

function valueEscape(whole: string, hex?: string, decimal?: string, name?: string): string {
  return whole.charCodeAt(0) === 0x26 ? reference(whole, hex, decimal, name) : ' ';
}

/**
 * Decodes the five XML entities and character references (`&#233;`, `&#xE9;`). An unknown
 * entity, a reference to a code point XML does not allow (`&#0;`, `&#xFFFFFFFF;`) and one of
 * more than 16 digits stay as written.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(REFERENCES, reference) : text;
}

/** Character data as XML reads it: references decoded, line ends as `\n`. */
function decodeText(raw: string): string {
  return raw.includes('&') || raw.includes('\r') ? raw.replace(TEXT_ESCAPES, textEscape) : raw;
}

/** CDATA as written, but its line ends read as `\n`. */
function normaliseLineEnds(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

/** An attribute value as XML reads it: references decoded, line ends and tabs as spaces. */
function decodeValue(raw: string): string {
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === 0x26 || c < 0x20) return raw.replace(VALUE_ESCAPES, valueEscape);
  }
  return raw;
}

/**
 * Where the attribute at or after raw[from] starts and ends, written to SPAN; false when there is
 * none. An attribute is `name = "value"` with any white space around `=` and either quote; what
 * is not (a name without a value, an unquoted value) is skipped; an unclosed quote ends the text.
 * readAttributes walks the same way (tested to agree).
 */
function nextAttribute(raw: string, from: number): boolean {
  const { length } = raw;
  let i = from;
  while (i < length) {
    let c = raw.charCodeAt(i);
    if (c <= 0x20) {
      i++;
      continue;
    }
    const nameStart = i;
    while (c > 0x20 && c !== 0x3d /* = */) c = raw.charCodeAt(++i); // NaN past the end
    const nameEnd = i;
    while (c <= 0x20) c = raw.charCodeAt(++i);
    if (c !== 0x3d) continue;
    c = raw.charCodeAt(++i);
    while (c <= 0x20) c = raw.charCodeAt(++i);
    if (c !== 0x22 && c !== 0x27) continue;
    const close = raw.indexOf(c === 0x22 ? '"' : "'", i + 1);
    if (close < 0) return false;
    SPAN.nameStart = nameStart;
    SPAN.nameEnd = nameEnd;
    SPAN.valueStart = i + 1;
    SPAN.valueEnd = close;
    return true;
  }
  return false;
}

const SPAN = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/**
 * Reads the attributes `names` of a tag's raw attribute text in one pass: values[k] is the decoded
 * value of names[k], undefined when absent; returns `values`. For the cells of a big sheet, whose
 * `r`, `s` and `t` are read millions of times: one pass each instead of one per name (measured
 * 97 ns a cell against 133 ns for attribute() three times). A repeated name keeps its first value.
 */
export function readAttributes(
  raw: string,
  names: readonly string[],
  values: (string | undefined)[],
): (string | undefined)[] {
  const count = names.length;
  for (let k = 0; k < count; k++) values[k] = undefined;
  let missing = count;
  const { length } = raw;
  let i = 0;
  while (i < length) {
    let c = raw.charCodeAt(i);
    if (c <= 0x20) {
      i++;
      continue;
    }
    const nameStart = i;
    while (c > 0x20 && c !== 0x3d /* = */) c = raw.charCodeAt(++i); // NaN past the end
    const size = i - nameStart;
    while (c <= 0x20) c = raw.charCodeAt(++i);
    if (c !== 0x3d) continue;
    c = raw.charCodeAt(++i);
    while (c <= 0x20) c = raw.charCodeAt(++i);
    if (c !== 0x22 && c !== 0x27) continue;
    const close = raw.indexOf(c === 0x22 ? '"' : "'", i + 1);
    if (close < 0) break;
    const first = raw.charCodeAt(nameStart);
    for (let k = 0; k < count; k++) {
      const name = names[k] as string;
      if (
        name.length === size &&
        name.charCodeAt(0) === first && // spares most calls to startsWith: measured faster
        values[k] === undefined &&
        (size === 1 || raw.startsWith(name, nameStart))
      ) {
        values[k] = decodeValue(raw.slice(i + 1, close));
        if (--missing === 0) return values;
        break;
      }
    }
    i = close + 1;
  }
  return values;
}

const ONE_NAME = [''];
const ONE_VALUE: (string | undefined)[] = [undefined];

/** One attribute of a tag's raw attribute text, decoded; undefined when absent (see readAttributes). */
export function attribute(raw: string, name: string): string | undefined {
  ONE_NAME[0] = name;
  return readAttributes(raw, ONE_NAME, ONE_VALUE)[0];
}

/**
 * The attributes of a tag's raw attribute text, values decoded; a repeated name keeps its first
 * value. The record has no prototype, so a file's `__proto__="…"` is one more attribute.
 */
export function parseAttributes(raw: string): Record<string, string> {
  const attributes = Object.create(null) as Record<string, string>;
  for (let i = 0; nextAttribute(raw, i); i = SPAN.valueEnd + 1) {
    const name = raw.slice(SPAN.nameStart, SPAN.nameEnd);
    if (name !== '' && attributes[name] === undefined) {
      attributes[name] = decodeValue(raw.slice(SPAN.valueStart, SPAN.valueEnd));
    }
  }
  return attributes;
}

/** How each kind of markup starts and ends; a tag and a DOCTYPE end at a `>` outside quotes. */
const OPENERS: Readonly<Record<XmlLimitKind, number>> = {
  tag: 1,
  comment: 4, // <!--
  cdata: 9, // <![CDATA[
  pi: 2, // <?
  doctype: 2, // <!
};
const TERMINATORS: Readonly<Record<'comment' | 'cdata' | 'pi', string>> = {
  comment: '-->',
  cdata: ']]>',
  pi: '?>',
};

/**
 * A small streaming XML tokenizer for the machine-written XML inside an XLSX, fed text in chunks
 * of any size. It reports tags and text and skips comments, processing instructions and DOCTYPE;
 * it does not validate (a workbook's XML is written by programs, and what we cannot make sense of
 * shows up as missing data, not as a crash), but it refuses what would make it hold unbounded
 * text (XmlLimitError) and a NUL character (XmlNulError).
 *
 * Its work is linear in the input however it is cut: text is reported as it arrives (a chunk ends
 * inside a text node: what came is reported, but a possible reference or CR LF at its very end);
 * markup cut by a chunk's end is kept in pieces and the search for its end resumes in the next
 * chunk where it stopped.
 *
 * Why not saxes (through exceljs's lib/utils/parse-sax.js, the only XML parser we have): it is
 * not one of our dependencies, only reachable through an undocumented exceljs path, and it was
 * the slower: a 200,000-row workbook (168 MB of sheet XML) read in 16 s with it, 8 s with this
 * (scripts/read-peak.ts). saxes 6 called directly on that XML in 64 KB chunks, reading each
 * cell's r, s and t: 3.0 s of CPU against 1.5 s for this. Our tests check this scanner against
 * saxes (test/read.xmlScanner.property.test.ts).
 */
export class XmlScanner {
  private readonly maxTag: number;
  private readonly maxMarkup: number;
  /** Text to put before the next chunk: a `<` not yet known (see kindAt), or see keepText. */
  private head = '';
  /** Markup cut by a chunk's end, in pieces; undefined between markup. */
  private pieces: string[] | undefined;
  private kind: XmlLimitKind = 'tag';
  private length = 0;
  /** In a tag or DOCTYPE cut by a chunk's end: the quote (code) of the value it is in, or 0. */
  private quote = 0;
  /** In a DOCTYPE cut by a chunk's end: whether in its internal subset `[...]`. */
  private subset = false;
  /** In a comment, CDATA or PI cut by a chunk's end: its last characters, for its terminator. */
  private tail = '';
  private depth = 0;
  private fed = 0;
  private scanned = 0;

  constructor(
    private readonly handler: XmlHandler,
    limits: Partial<XmlLimits> = {},
  ) {
    this.maxTag = limits.tag ?? XML_LIMITS.tag;
    this.maxMarkup = limits.markup ?? XML_LIMITS.markup;
  }

  /**
   * Characters handed to the scanning loops so far, each looked at a bounded number of times:
   * the measure of the scanner's work, within twice the input's length (markup cut by a chunk's
   * end is looked at again when whole) plus a few characters a chunk.
   */
  get charactersScanned(): number {
    return this.scanned;
  }

  /** Scans the next chunk of XML; throws XmlLimitError, XmlNulError. */
  feed(chunk: string): void {
    const nul = chunk.indexOf('\0');
    if (nul >= 0) throw new XmlNulError(this.fed + nul);
    this.fed += chunk.length;
    if (this.pieces) {
      const from = this.resume(chunk);
      if (from >= 0) this.scan(chunk, from);
    } else if (this.head !== '') {
      const text = this.head + chunk;
      this.head = '';
      this.scan(text, 0);
    } else {
      this.scan(chunk, 0);
    }
  }

  /** The input ended: throws if it ended inside markup or an element. */
  end(): void {
    if (this.pieces) {
      const start = this.pieces[0] ?? '';
      throw new Error(`XML ends inside a ${LABELS[this.kind]}: ${start.slice(0, 40)}`);
    }
    const { head } = this;
    this.head = '';
    if (head.startsWith('<')) throw new Error(`XML ends inside markup: ${head}`);
    if (head !== '') this.handler.text(decodeText(head));
    if (this.depth > 0) throw new Error(`XML ends inside an element (${this.depth} not closed)`);
  }

  /** Reports everything complete in `text` from `i`; keeps what its end cuts. */
  private scan(text: string, i: number): void {
    this.scanned += text.length - i;
    const { handler } = this;
    // Most chunks of a sheet hold no reference and no CR: two searches spare one a text node.
    const plain = text.indexOf('&', i) < 0 && text.indexOf('\r', i) < 0;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        this.keepText(text, i);
        return;
      }
      if (lt > i) {
        const raw = text.slice(i, lt);
        handler.text(plain ? raw : decodeText(raw));
      }
      const next = text.charCodeAt(lt + 1);
      if (next !== 0x21 /* ! */ && next !== 0x3f /* ? */ && next === next /* not NaN */) {
        // A tag, the one hot path: millions of them in a big sheet.
        const gt = this.tagEnd(text, lt + 1, 0);
        if (gt < 0) {
          this.keepMarkup('tag', text, lt);
          return;
        }
        this.tag(text, lt, gt);
        i = gt + 1;
        continue;
      }
      const kind = kindAt(text, lt);
      if (kind === undefined) {
        this.head = text.slice(lt); // `<`, `<!-`, `<![CDA`…: under 9 characters
        return;
      }
      const end = this.markupEnd(kind, text, lt + OPENERS[kind]);
      if (end < 0) {
        this.keepMarkup(kind, text, lt);
        return;
      }
      this.markup(kind, text, lt, end);
      i = end;
    }
  }

  /**
   * Reports text[i..] but a tail that may be cut by the chunk's end: a `&` that a `;` may still
   * make a reference, or a CR that may be the start of a CR LF. That tail is kept for the next.
   */
  private keepText(text: string, i: number): void {
    const { length } = text;
    if (i >= length) return;
    let keep = length;
    const amp = text.lastIndexOf('&');
    if (amp >= i && length - amp <= REFERENCE_HOLD && text.indexOf(';', amp) < 0) keep = amp;
    else if (text.charCodeAt(length - 1) === 0x0d) keep = length - 1;
    if (keep > i) this.handler.text(decodeText(text.slice(i, keep)));
    if (keep < length) this.head = text.slice(keep);
  }

  /**
   * The index after the markup of `kind` whose content starts at text[from], or -1 when text
   * ends first (then quote, subset say where the search stopped).
   */
  private markupEnd(kind: XmlLimitKind, text: string, from: number): number {
    switch (kind) {
      case 'tag': {
        const gt = this.tagEnd(text, from, this.quote);
        return gt < 0 ? -1 : gt + 1;
      }
      case 'doctype':
        return this.doctypeEnd(text, from);
      default: {
        const terminator = TERMINATORS[kind];
        const at = text.indexOf(terminator, from);
        return at < 0 ? -1 : at + terminator.length;
      }
    }
  }

  /**
   * Index of the `>` ending a tag in text from `from`, in the quoted value `quote` (its code) or
   * 0; -1 when text ends first, this.quote then saying in which quote. Each character is looked
   * at a bounded number of times, however many attributes the tag has.
   */
  private tagEnd(text: string, from: number, quote: number): number {
    const { length } = text;
    let j = from;
    let gt = -2; // not searched yet; -1: no `>` after j
    for (;;) {
      if (quote !== 0) {
        const closing = text.indexOf(quote === 0x22 ? '"' : "'", j);
        if (closing < 0) {
          this.quote = quote;
          return -1;
        }
        quote = 0;
        j = closing + 1;
      }
      if (gt < j && gt !== -1) gt = text.indexOf('>', j);
      const stop = gt < 0 ? length : gt;
      while (j < stop) {
        const c = text.charCodeAt(j);
        if (c === 0x22 || c === 0x27) break;
        j++;
      }
      if (j === stop) {
        this.quote = 0;
        return gt;
      }
      quote = text.charCodeAt(j++);
    }
  }

  /**
   * The index after a DOCTYPE (or other `<!` declaration) in text from `from`: its `>` outside
   * quotes and outside the internal subset `[...]`; -1 when text ends first. Rare: a plain loop.
   */
  private doctypeEnd(text: string, from: number): number {
    let { quote, subset } = this;
    for (let j = from; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x5b /* [ */) {
        subset = true;
      } else if (c === 0x5d /* ] */) {
        subset = false;
      } else if (c === 0x3e /* > */ && !subset) {
        this.quote = 0;
        this.subset = false;
        return j + 1;
      }
    }
    this.quote = quote;
    this.subset = subset;
    return -1;
  }

  /** Keeps markup cut by the text's end, from text[lt]; its search resumes in the next chunk. */
  private keepMarkup(kind: XmlLimitKind, text: string, lt: number): void {
    const piece = text.slice(lt);
    this.kind = kind;
    this.pieces = [piece];
    this.length = piece.length;
    if (kind !== 'tag' && kind !== 'doctype') {
      const keep = TERMINATORS[kind].length - 1;
      this.tail = piece.slice(Math.max(OPENERS[kind], piece.length - keep));
    }
    this.checkLimit();
  }

  /**
   * Goes on with markup cut by the previous chunk's end: reports it if `chunk` completes it and
   * returns where the rest of the chunk starts, else keeps the chunk and returns -1.
   */
  private resume(chunk: string): number {
    const { kind } = this;
    const pieces = this.pieces ?? [];
    let end: number;
    if (kind === 'tag' || kind === 'doctype') {
      end = this.markupEnd(kind, chunk, 0);
    } else {
      const terminator = TERMINATORS[kind];
      end = terminatorEnd(this.tail, chunk, terminator);
      if (end < 0)
        this.tail = (this.tail + chunk.slice(-terminator.length)).slice(1 - terminator.length);
    }
    this.scanned += end < 0 ? chunk.length : end;
    if (end < 0) {
      pieces.push(chunk);
      this.length += chunk.length;
      this.checkLimit();
      return -1;
    }
    pieces.push(chunk.slice(0, end));
    const markup = pieces.join('');
    this.pieces = undefined;
    this.scanned += markup.length;
    this.markup(kind, markup, 0, markup.length);
    return end;
  }

  private checkLimit(): void {
    const limit = this.kind === 'tag' ? this.maxTag : this.maxMarkup;
    if (this.length > limit) throw new XmlLimitError(this.kind, limit);
  }

  /** Reports the complete markup text[lt, end). */
  private markup(kind: XmlLimitKind, text: string, lt: number, end: number): void {
    if (kind === 'tag') {
      this.tag(text, lt, end - 1);
      return;
    }
    if (end - lt > this.maxMarkup) throw new XmlLimitError(kind, this.maxMarkup);
    if (kind === 'cdata') this.handler.text(normaliseLineEnds(text.slice(lt + 9, end - 3)));
  }

  /** Reports the tag text[lt..gt], `<` to `>`. */
  private tag(text: string, lt: number, gt: number): void {
    if (gt - lt >= this.maxTag) throw new XmlLimitError('tag', this.maxTag);
    const { handler } = this;
    if (text.charCodeAt(lt + 1) === 0x2f /* / */) {
      this.depth--;
      handler.close(text.slice(lt + 2, gt).trim());
      return;
    }
    const selfClosing = text.charCodeAt(gt - 1) === 0x2f;
    const stop = selfClosing ? gt - 1 : gt;
    let k = lt + 1;
    while (k < stop && text.charCodeAt(k) > 0x20) k++;
    const name = text.slice(lt + 1, k);
    handler.open(name, k < stop ? text.slice(k + 1, stop) : '');
    if (selfClosing) handler.close(name);
    else this.depth++;
  }
}

/**
 * The kind of markup starting at text[lt] (a `<`), or undefined when text ends too soon to tell:
 * `<!--` and `<![CDATA[` need their whole opener.
 */
function kindAt(text: string, lt: number): XmlLimitKind | undefined {
  const next = text.charCodeAt(lt + 1);
  if (next === 0x21 /* ! */) {
    if (text.startsWith('<!--', lt)) return 'comment';
    if (text.startsWith('<![CDATA[', lt)) return 'cdata';
    if (text.length - lt < 9) {
      const head = text.slice(lt);
      if ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head)) return undefined;
    }
    return 'doctype';
  }
  if (next === 0x3f /* ? */) return 'pi';
  return Number.isNaN(next) ? undefined : 'tag';
}

/**
 * The index in `chunk` after the first `terminator` in `before + chunk` that ends in `chunk`,
 * or -1; `before` is what came before of the markup's content (its last characters suffice).
 */
function terminatorEnd(before: string, chunk: string, terminator: string): number {
  for (let k = terminator.length - 1; k > 0; k--) {
    if (before.endsWith(terminator.slice(0, k)) && chunk.startsWith(terminator.slice(k))) {
      return terminator.length - k;
    }
  }
  const at = chunk.indexOf(terminator);
  return at < 0 ? -1 : at + terminator.length;
}
