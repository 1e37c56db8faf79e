import fc from 'fast-check';
import type { GeneratorValue } from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import {
  attribute,
  parseAttributes,
  readAttributes,
  XML_LIMITS,
  XmlScanner,
} from '../src/read/xmlScanner.js';

/*
 * Differential test: sheet-like XML written every way the XML spec allows (spacing around `=`,
 * both quotes, attribute order, references, CDATA, comments and PIs between elements, prefixes,
 * CR LF), cut into random chunks for our scanner and read whole by saxes, a conforming parser,
 * must give the same events.
 */

type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

/**
 * Events with neighbouring text joined and empty text dropped, as both parsers may cut it; white
 * space outside the root element is left out (saxes reports some of it, not all).
 */
class Events {
  readonly list: Event[] = [];
  private text = '';
  private depth = 0;
  open(name: string, attributes: Record<string, string>): void {
    this.flush();
    this.depth++;
    this.list.push(['open', name, { ...attributes }]);
  }
  addText(text: string): void {
    if (this.depth > 0) this.text += text;
  }
  close(name: string): void {
    this.flush();
    this.depth--;
    this.list.push(['close', name]);
  }
  done(): Event[] {
    this.flush();
    return this.list;
  }
  private flush(): void {
    if (this.text !== '') this.list.push(['text', this.text]);
    this.text = '';
  }
}

function ours(xml: string, cuts: readonly number[]): Event[] {
  const events = new Events();
  const scanner = new XmlScanner({
    open(name, raw) {
      const attributes = parseAttributes(raw);
      // attribute() and readAttributes() must agree with parseAttributes, and find nothing else.
      for (const [key, value] of Object.entries(attributes)) {
        expect(attribute(raw, key), `${key} in ${raw}`).toBe(value);
      }
      const names = ['r', 's', 't', 'ts', 'spans', 'zz'];
      expect(readAttributes(raw, names, ['stale']), raw).toEqual(names.map((n) => attributes[n]));
      events.open(name, attributes);
    },
    text: (text) => events.addText(text),
    close: (name) => events.close(name),
  });
  let from = 0;
  for (const cut of [...cuts, xml.length]) {
    scanner.feed(xml.slice(from, cut));
    from = cut;
  }
  scanner.end();
  return events.done();
}

function saxes(xml: string): Event[] {
  const events = new Events();
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => events.open(tag.name, tag.attributes));
  parser.on('text', (text) => events.addText(text));
  parser.on('cdata', (text) => events.addText(text));
  parser.on('closetag', (tag) => events.close(tag.name));
  parser.write(xml).close(); // throws on anything not well-formed: a bug of the generator
  return events.done();
}

/**
 * Throws, naming the first difference, unless `actual` and `expected` are equal: cheaper than
 * expect().toEqual, whose diff of long event lists made shrinking a failure take minutes.
 */
function same(actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const at = actual.findIndex((event, k) => !isDeepStrictEqual(event, expected[k]));
    const k = at < 0 ? Math.min(actual.length, expected.length) : at;
    throw new Error(
      `event ${k}: ${JSON.stringify(actual[k])}, expected ${JSON.stringify(expected[k])}`,
    );
  }
  throw new Error(`${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** Characters, raw or as references; `]]>` is escaped afterwards (it may not appear in text). */
const CHARACTERS = ['a', 'Z', '0', '7', ' ', 'é', '€', '😀', '"', "'", '>', ']', '\t', '\n', '\r'];
const NAMED = ['&lt;', '&gt;', '&amp;', '&quot;', '&apos;'];
const CODE_POINTS = [0x9, 0xa, 0xd, 0x20, 0x26, 0x3c, 0x41, 0x5d, 0xe9, 0x20ac, 0x1f600, 0x10ffff];

function reference(g: GeneratorValue): string {
  const code = g(fc.constantFrom, ...CODE_POINTS);
  const zeros = '0'.repeat(g(fc.nat, 3));
  if (!g(fc.boolean)) return `&#${zeros}${code};`;
  const hex = code.toString(16);
  return `&#x${zeros}${g(fc.boolean) ? hex.toUpperCase() : hex};`;
}

/** Character data as written in XML: raw characters, entities and character references. */
function characters(g: GeneratorValue, max: number, forbid = ''): string {
  const length = g(fc.nat, max);
  let out = '';
  for (let k = 0; k < length; k++) {
    const kind = g(fc.nat, 9);
    if (kind === 0) out += g(fc.constantFrom, ...NAMED);
    else if (kind === 1) out += reference(g);
    else {
      const c = g(fc.constantFrom, ...CHARACTERS);
      out += forbid.includes(c) ? `&#${c.charCodeAt(0)};` : c;
    }
  }
  return out.replace(/]]>/g, ']]&gt;');
}

function space(g: GeneratorValue): string {
  return g(fc.constantFrom, ' ', '  ', '\n', '\t', '\r\n', ' \n\t ');
}

function optionalSpace(g: GeneratorValue): string {
  return g(fc.boolean) ? '' : space(g);
}

/** Attributes in random order, each with its own spacing and quote. */
function attributes(g: GeneratorValue, pairs: readonly (readonly [string, string])[]): string {
  const order = g(fc.shuffledSubarray, [...pairs], {
    minLength: pairs.length,
    maxLength: pairs.length,
  });
  let out = '';
  for (const [name, value] of order) {
    const quote = g(fc.constantFrom, '"', "'");
    const escaped = value.replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&#39;');
    out += `${space(g)}${name}${optionalSpace(g)}=${optionalSpace(g)}${quote}${escaped}${quote}`;
  }
  return out;
}

/** A comment, a processing instruction, or white space: what may sit between elements. */
function misc(g: GeneratorValue): string {
  const count = g(fc.nat, 2);
  let out = '';
  for (let k = 0; k < count; k++) {
    switch (g(fc.nat, 2)) {
      case 0: {
        let body = g(fc.constantFrom, '', ' c ', '<c r="A1"/>', ' a > b & c ', '-x-', ' ]]> ');
        if (body.endsWith('-')) body += ' ';
        out += `<!--${body}-->`;
        break;
      }
      case 1:
        out += `<?${g(fc.constantFrom, 'mso-application', 'pi')}${g(fc.constantFrom, '', ' progid="Excel.Sheet"', ' <a> & ? >')}?>`;
        break;
      default:
        out += space(g);
    }
  }
  return out;
}

/** Text, possibly in CDATA sections, comments and PIs between its pieces. */
function content(g: GeneratorValue): string {
  const pieces = g(fc.nat, 3);
  let out = '';
  // Pieces of text next to each other are one text, in which `]]>` may not appear either
  // (`…]` then `]>`): escaped when the run of text ends.
  let text = '';
  const endText = () => {
    out += text.replace(/]]>/g, ']]&gt;');
    text = '';
  };
  for (let k = 0; k < pieces; k++) {
    const kind = g(fc.nat, 4);
    if (kind === 0) {
      const body = g(fc.constantFrom, '', '<raw & text>', 'a]]b', ']', '\r\n', '&amp;');
      endText();
      out += `<![CDATA[${body}]]>`;
    } else if (kind === 1) {
      const between = misc(g);
      // White space (or nothing) between two pieces of text is text too.
      if (between.trim() === '') text += between;
      else {
        endText();
        out += between;
      }
    } else text += characters(g, 8, '<&');
  }
  endText();
  return out;
}

function column(index: number): string {
  return String.fromCharCode(65 + (index % 26)) + (index >= 26 ? 'A' : '');
}

function cell(g: GeneratorValue, p: string, row: number, index: number): string {
  const pairs: [string, string][] = [];
  if (g(fc.nat, 5) > 0) pairs.push(['r', `${column(index)}${row}`]);
  if (g(fc.boolean)) pairs.push(['s', String(g(fc.nat, 20))]);
  const type = g(fc.constantFrom, undefined, 's', 'str', 'inlineStr', 'b', 'n', 'e');
  if (type !== undefined) pairs.push(['t', type]);
  if (g(fc.nat, 4) === 0) pairs.push(['ts', characters(g, 4, '<&')]);
  const open = `<${p}c${attributes(g, pairs)}${optionalSpace(g)}`;
  if (g(fc.nat, 4) === 0) return `${open}/>`;
  let inner: string;
  if (type === 'inlineStr') {
    const runs = g(fc.nat, 2);
    if (runs === 0) {
      inner = `<${p}is><${p}t${attributes(g, g(fc.boolean) ? [['xml:space', 'preserve']] : [])}>${content(g)}</${p}t></${p}is>`;
    } else {
      inner = `<${p}is>`;
      for (let k = 0; k < runs; k++) {
        const bold = g(fc.boolean) ? `<${p}rPr><${p}b/></${p}rPr>` : '';
        inner += `<${p}r>${bold}<${p}t>${content(g)}</${p}t></${p}r>${misc(g)}`;
      }
      inner += `<${p}rPh sb="0" eb="1"><${p}t>ふりがな</${p}t></${p}rPh></${p}is>`;
    }
  } else {
    inner = `<${p}v>${content(g)}</${p}v${optionalSpace(g)}>`;
  }
  return `${open}>${misc(g)}${inner}</${p}c>`;
}

function sheet(g: GeneratorValue): string {
  const p = g(fc.constantFrom, '', 'x:');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  let xml = '';
  if (g(fc.boolean)) {
    xml += `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${g(fc.constantFrom, '', '\n', '\r\n')}`;
  }
  if (g(fc.nat, 3) === 0) {
    xml += g(
      fc.constantFrom,
      `<!DOCTYPE ${p}worksheet>`,
      `<!DOCTYPE ${p}worksheet [ <!ENTITY e "a > b"> ]>`,
    );
  }
  xml += misc(g);
  const xmlns: [string, string][] = [[p ? 'xmlns:x' : 'xmlns', ns]];
  xml += `<${p}worksheet${attributes(g, xmlns)}>${misc(g)}<${p}sheetData>`;
  const rows = g(fc.nat, 4);
  for (let row = 1; row <= rows; row++) {
    const pairs: [string, string][] = [];
    if (g(fc.nat, 4) > 0) pairs.push(['r', String(row)]);
    if (g(fc.boolean)) pairs.push(['spans', `1:${row + 2}`]);
    if (g(fc.boolean)) pairs.push(['x14ac:dyDescent', '0.25']);
    if (g(fc.nat, 3) === 0) pairs.push(['note', characters(g, 10, '<&')]);
    xml += `<${p}row${attributes(g, pairs)}${optionalSpace(g)}>`;
    const cells = g(fc.nat, 4);
    for (let index = 0; index < cells; index++) xml += cell(g, p, row, index) + misc(g);
    xml += `</${p}row>`;
  }
  xml += `</${p}sheetData>${misc(g)}</${p}worksheet>${misc(g)}`;
  return xml;
}

/** Where to cut: a few random places, or everywhere (one character a chunk). */
function cutsOf(g: GeneratorValue, xml: string): number[] {
  if (g(fc.nat, 9) === 0) return Array.from({ length: xml.length - 1 }, (_, k) => k + 1);
  const places = fc.integer({ min: 1, max: Math.max(1, xml.length - 1) });
  const cuts = g(() => fc.uniqueArray(places, { maxLength: 12 }));
  return cuts.sort((a, b) => a - b);
}

describe('XmlScanner against saxes', () => {
  it('reports the same tags, attributes and text however the XML is written and cut', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const xml = sheet(g);
        const cuts = cutsOf(g, xml);
        same(ours(xml, cuts), saxes(xml));
      }),
      // Shrinking a failure of fc.gen() can run for minutes: report what it has after 20 s.
      { numRuns: 400, interruptAfterTimeLimit: 20_000 },
    );
  });
});

/** What a scanner reports for `xml` cut at `cuts`, or the error it throws (name and kind). */
function outcome(xml: string, cuts: readonly number[], limits: { tag: number; markup: number }) {
  const events = new Events();
  let depth = 0;
  const scanner = new XmlScanner(
    {
      open(name, raw) {
        depth++;
        events.open(name, { raw });
      },
      text: (text) => events.addText(depth > 0 ? text : `(outside)${text}`),
      close(name) {
        events.close(name);
        depth--;
      },
    },
    limits,
  );
  try {
    let from = 0;
    for (const cut of [...cuts, xml.length]) {
      scanner.feed(xml.slice(from, cut));
      from = cut;
    }
    scanner.end();
    return { events: events.done() };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { error: error.name, kind: (error as { kind?: string }).kind };
  }
}

describe('XmlScanner on any text', () => {
  it('reports the same events, or throws the same error, however the text is cut', () => {
    const piece = fc.constantFrom(
      ...['<', '>', '/', '!', '?', '-', '--', '[', ']', ']]', '<![CDATA[', '<!--', '-->', '?>'],
      ...['<!DOCTYPE', '"', "'", '=', '&', '&amp;', '&#x41;', '&#6', ';', 'a', 'b c', '\r', '\n'],
      ...['<a>', '</a>', '<b x="1"/>', '\0'],
    );
    // Small limits, to pass them in every way; or the usual ones.
    const limit = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(XML_LIMITS.tag));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.gen(),
        fc.record({ tag: limit, markup: limit }),
        (pieces, g, limits) => {
          const xml = pieces.join('');
          const whole = outcome(xml, [], limits);
          const cut = outcome(xml, cutsOf(g, xml), limits);
          // A NUL is found when its chunk comes: before or after another error, as cut.
          if (xml.includes('\0')) expect([whole.error, cut.error]).not.toContain(undefined);
          else same(cut, whole);
        },
      ),
      { numRuns: 3000, interruptAfterTimeLimit: 20_000 },
    );
  });
});
