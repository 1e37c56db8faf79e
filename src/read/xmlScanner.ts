/** What an XML scanner reports; names are as written (prefix included, see localName). */
export interface XmlHandler {
  /** An element opens; `attributes` is its raw attribute text (see parseAttributes). */
  open(name: string, attributes: string): void;
  /** Character data between tags, entities decoded (CDATA as written). */
  text(text: string): void;
  /** An element closes (also right after `open` for `<empty/>`). */
  close(name: string): void;
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

/** Decodes the five XML entities and character references (`&#233;`, `&#xE9;`). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/**
 * One attribute of a tag's raw attribute text, decoded; undefined when absent. Faster than
 * parseAttributes for the two or three attributes of each of a sheet's millions of cells;
 * machine-written XML puts no spaces around `=`, and we accept only that here.
 */
export function attribute(raw: string, name: string): string | undefined {
  const key = `${name}=`;
  for (let at = raw.indexOf(key); at >= 0; at = raw.indexOf(key, at + 1)) {
    if (at > 0 && raw.charCodeAt(at - 1) > 0x20) continue;
    const quote = raw.charAt(at + key.length);
    if (quote !== '"' && quote !== "'") return undefined;
    const start = at + key.length + 1;
    const end = raw.indexOf(quote, start);
    if (end < 0) return undefined;
    return decodeEntities(raw.slice(start, end));
  }
  return undefined;
}

/** The attributes of a tag's raw attribute text, values decoded. */
export function parseAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (raw === '') return attributes;
  const pattern = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    attributes[match[1] ?? ''] = decodeEntities(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

/**
 * A small streaming XML tokenizer for the machine-written XML inside an XLSX, fed text in chunks
 * of any size. It reports tags and text and skips comments, processing instructions and DOCTYPE;
 * it does not validate (a workbook's XML is written by programs, and what we cannot make sense of
 * shows up as missing data, not as a crash).
 *
 * Why not saxes (through exceljs's lib/utils/parse-sax.js, the only XML parser we have): it is
 * not one of our dependencies, only reachable through an undocumented exceljs path, and it was
 * the slower: a 200,000-row workbook (168 MB of sheet XML) read in 16 s with it, 8 s with this
 * (scripts/read-peak.ts).
 */
export class XmlScanner {
  private rest = '';

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: string): void {
    const text = this.rest === '' ? chunk : this.rest + chunk;
    this.rest = text.slice(this.scan(text));
  }

  /** The input ended: anything left but white space is a tag or text cut short. */
  end(): void {
    if (this.rest.trim() !== '') throw new Error(`XML ends inside: ${this.rest.slice(0, 40)}`);
  }

  /** Reports everything complete in `text`; returns where the incomplete rest starts. */
  private scan(text: string): number {
    const { handler } = this;
    let i = 0;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) return i;
      const next = text.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return i;
      if (next === 0x21 /* ! */) {
        let end: number;
        if (text.startsWith('<!--', lt)) {
          end = text.indexOf('-->', lt + 4);
          if (end < 0) return i;
          end += 3;
        } else if (text.startsWith('<![CDATA[', lt)) {
          end = text.indexOf(']]>', lt + 9);
          if (end < 0) return i;
          if (lt > i) handler.text(decodeEntities(text.slice(i, lt)));
          handler.text(text.slice(lt + 9, end));
          i = end + 3;
          continue;
        } else {
          if (lt + 9 > text.length) return i;
          end = text.indexOf('>', lt);
          if (end < 0) return i;
          end += 1;
        }
        if (lt > i) handler.text(decodeEntities(text.slice(i, lt)));
        i = end;
        continue;
      }
      if (next === 0x3f /* ? */) {
        const end = text.indexOf('?>', lt + 2);
        if (end < 0) return i;
        if (lt > i) handler.text(decodeEntities(text.slice(i, lt)));
        i = end + 2;
        continue;
      }
      const gt = tagEnd(text, lt + 1);
      if (gt < 0) return i;
      if (lt > i) handler.text(decodeEntities(text.slice(i, lt)));
      if (next === 0x2f /* / */) {
        handler.close(text.slice(lt + 2, gt).trim());
      } else {
        const selfClosing = text.charCodeAt(gt - 1) === 0x2f;
        const end = selfClosing ? gt - 1 : gt;
        let k = lt + 1;
        while (k < end && text.charCodeAt(k) > 0x20) k++;
        const name = text.slice(lt + 1, k);
        handler.open(name, k < end ? text.slice(k + 1, end) : '');
        if (selfClosing) handler.close(name);
      }
      i = gt + 1;
    }
  }
}

/** Index of the `>` ending a tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let j = from;
  for (;;) {
    const gt = text.indexOf('>', j);
    if (gt < 0) return -1;
    let quote = -1;
    for (let k = j; k < gt; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x22 || c === 0x27) {
        quote = k;
        break;
      }
    }
    if (quote < 0) return gt;
    const closing = text.indexOf(text.charAt(quote), quote + 1);
    if (closing < 0) return -1;
    j = closing + 1;
  }
}
