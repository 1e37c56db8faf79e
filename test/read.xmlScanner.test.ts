import { describe, expect, it } from 'vitest';
import {
  attribute,
  decodeEntities,
  parseAttributes,
  readAttributes,
  XML_LIMITS,
  XmlLimitError,
  XmlNulError,
  XmlScanner,
} from '../src/read/xmlScanner.js';

type Event = [string, string] | [string, string, string];

function scan(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const scanner = new XmlScanner({
    open: (name, raw) => events.push(['open', name, raw]),
    text: (text) => {
      const last = events.at(-1);
      // Text may arrive in pieces (around a CDATA section); join neighbours to compare.
      if (last?.[0] === 'text') last[1] += text;
      else events.push(['text', text]);
    },
    close: (name) => events.push(['close', name]),
  });
  for (const chunk of chunks) scanner.feed(chunk);
  scanner.end();
  return events;
}

const DOC =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE x><!-- a <comment> -->' +
  '<x:worksheet xmlns:x="urn:x"><x:row r="1" note=\'a > b\' t="&quot;q&quot;"><x:c r="A1"/>' +
  '<x:v>Tom &amp; Jerry &lt;3 &#233;&#x20AC;</x:v><t><![CDATA[<raw & text>]]> after</t></x:row></x:worksheet>';

describe('XmlScanner', () => {
  it('reports tags, attributes as written, decoded text and CDATA; skips declarations and comments', () => {
    expect(scan([DOC])).toEqual([
      ['text', '\n'],
      ['open', 'x:worksheet', 'xmlns:x="urn:x"'],
      ['open', 'x:row', 'r="1" note=\'a > b\' t="&quot;q&quot;"'],
      ['open', 'x:c', 'r="A1"'],
      ['close', 'x:c'],
      ['open', 'x:v', ''],
      ['text', 'Tom & Jerry <3 é€'],
      ['close', 'x:v'],
      ['open', 't', ''],
      ['text', '<raw & text> after'],
      ['close', 't'],
      ['close', 'x:row'],
      ['close', 'x:worksheet'],
    ]);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const whole = scan([DOC]);
    for (let i = 0; i <= DOC.length; i++) {
      expect(scan([DOC.slice(0, i), DOC.slice(i)]), `cut at ${i}`).toEqual(whole);
    }
    expect(scan([...DOC])).toEqual(whole);
  });

  it('throws when the XML ends inside a tag or an element', () => {
    expect(() => scan(['<a><b attr="x'])).toThrow(/ends inside/);
    expect(() => scan(['<a><!-- never closed'])).toThrow(/ends inside/);
    expect(() => scan(['<a><b>text</b>'])).toThrow(/ends inside/);
    expect(() => scan(['<a>text</a>  \n'])).not.toThrow();
  });

  it('reads a CR LF or a lone CR as LF, also when a chunk ends between CR and LF', () => {
    const doc = '<v>a\r\nb\rc<![CDATA[d\r\ne]]></v>';
    for (let i = 0; i <= doc.length; i++) {
      expect(scan([doc.slice(0, i), doc.slice(i)]), `cut at ${i}`).toEqual([
        ['open', 'v', ''],
        ['text', 'a\nb\ncd\ne'],
        ['close', 'v'],
      ]);
    }
  });

  it('decodes a reference cut by a chunk boundary', () => {
    const doc = '<v>x&amp;y&#x1F600;z&#233;&unknown;&#0;&#xFFFFFFFF;</v>';
    for (let i = 0; i <= doc.length; i++) {
      expect(scan([doc.slice(0, i), doc.slice(i)])[1], `cut at ${i}`).toEqual([
        'text',
        'x&y😀zé&unknown;&#0;&#xFFFFFFFF;',
      ]);
    }
  });
});

/** Feeds `<v>` + `count` chunks of `chunk` + `</v>`, like a zip entry's stream would. */
function feedBig(scanner: XmlScanner, chunk: string, count: number): void {
  scanner.feed('<v>');
  for (let k = 0; k < count; k++) scanner.feed(chunk);
  scanner.feed('</v>');
  scanner.end();
}

describe('XmlScanner on big and hostile input', () => {
  const CHUNK = 64 * 1024;

  it.each([20, 50])(
    'streams a %i MB text node in 64 KB chunks, scanning each character once',
    (mb) => {
      const count = (mb * 1024 * 1024) / CHUNK;
      let pieces = 0;
      let longest = 0;
      let total = 0;
      const scanner = new XmlScanner({
        open() {},
        text(text) {
          pieces++;
          longest = Math.max(longest, text.length);
          total += text.length;
        },
        close() {},
      });
      // `&amp;` cut at every chunk boundary: the worst case for holding back a reference.
      const chunk = `p;${'a'.repeat(CHUNK - 5)}&am`;
      feedBig(scanner, chunk, count);
      // The caller sees the text as it comes, so it can bound a cell's length itself.
      expect(pieces).toBeGreaterThanOrEqual(count);
      expect(longest).toBeLessThanOrEqual(CHUNK + 20);
      expect(total).toBeGreaterThan(count * (CHUNK - 4));
      // Linear work: each chunk scanned once, plus the few characters held back at its end.
      expect(scanner.charactersScanned).toBeLessThanOrEqual(count * (CHUNK + 20) + 100);
    },
  );

  it('holds back only a few characters after a `&` that is no reference', () => {
    const pieces: string[] = [];
    const scanner = new XmlScanner({ open() {}, text: (text) => pieces.push(text), close() {} });
    scanner.feed('<v>&');
    for (let k = 0; k < 10; k++) scanner.feed('a'.repeat(1000));
    scanner.feed('</v>');
    expect(pieces.length).toBeGreaterThanOrEqual(10);
    expect(pieces.join('')).toBe(`&${'a'.repeat(10_000)}`);
  });

  it('resumes the search for the end of markup cut into one-character chunks', () => {
    const value = 'x'.repeat(60_000);
    const doc = `<c r="A1" note="${value}"><!--${value}--><![CDATA[${value}]]></c>`;
    const events: string[] = [];
    const scanner = new XmlScanner({
      open: (name, raw) => events.push(`open ${name} ${attribute(raw, 'r')}`),
      text: (text) => events.push(`text ${text.length}`),
      close: (name) => events.push(`close ${name}`),
    });
    for (const c of doc) scanner.feed(c);
    scanner.end();
    expect(events).toEqual(['open c A1', `text ${value.length}`, 'close c']);
    // Each character once while searching, and once more when the markup is whole.
    expect(scanner.charactersScanned).toBeLessThanOrEqual(2 * doc.length + 100);
  });

  it.each([
    ['tag', '<c r="A1" note="', '">', XML_LIMITS.tag],
    ['comment', '<!--', '-->', XML_LIMITS.markup],
    ['cdata', '<![CDATA[', ']]>', XML_LIMITS.markup],
    ['pi', '<?pi ', '?>', XML_LIMITS.markup],
    ['doctype', '<!DOCTYPE x [', ']>', XML_LIMITS.markup],
  ] as const)(
    'refuses a %s longer than its limit, without waiting for its end',
    (kind, start, end, limit) => {
      const chunk = 'y'.repeat(CHUNK);
      const scanner = new XmlScanner({ open() {}, text() {}, close() {} });
      scanner.feed(`<a>${start}`);
      let fed = 0;
      const error = (() => {
        try {
          for (; fed < 20 * 1024 * 1024; fed += CHUNK) scanner.feed(chunk);
          scanner.feed(end);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(XmlLimitError);
      expect(error).toMatchObject({ kind, limit });
      expect(fed).toBeLessThanOrEqual(limit);
    },
  );

  it('refuses a tag over its limit when it arrives whole, and takes one at the limit', () => {
    const events: string[] = [];
    const scanner = new XmlScanner(
      { open: (name) => events.push(name), text() {}, close() {} },
      { tag: 20, markup: 30 },
    );
    scanner.feed('<a b="123456789012">'); // 20 characters
    expect(events).toEqual(['a']);
    expect(() => scanner.feed('<a b="1234567890123">')).toThrow(XmlLimitError);
    const comments = new XmlScanner({ open() {}, text() {}, close() {} }, { markup: 30 });
    expect(() => comments.feed(`<!--${'z'.repeat(30)}-->`)).toThrow(/comment longer than 30/);
  });

  it('refuses a NUL character wherever it is', () => {
    for (const doc of ['<v>a\0b</v>', '<c r="\0"/>', '<!-- \0 -->', '\0']) {
      expect(() => scan([doc]), JSON.stringify(doc)).toThrow(XmlNulError);
    }
    expect(() => scan(['<v>abc', 'de\0</v>'])).toThrow(
      expect.objectContaining({ name: 'XmlNulError', offset: 8 }),
    );
  });
});

describe('attributes', () => {
  it('reads an attribute with white space around = and either quote', () => {
    const raw = 'r = "A1" t\n=\n\'s\'\ts\t=\t"3"';
    expect(attribute(raw, 'r')).toBe('A1');
    expect(attribute(raw, 't')).toBe('s');
    expect(attribute(raw, 's')).toBe('3');
    expect(parseAttributes(raw)).toEqual({ r: 'A1', t: 's', s: '3' });
  });

  it("does not read an attribute inside another attribute's value", () => {
    expect(attribute('foo="x r=1" r="B2"', 'r')).toBe('B2');
    expect(attribute('foo=\'x r="1"\' r="B2"', 'r')).toBe('B2');
    expect(attribute('foo=\'x r="1"\'', 'r')).toBeUndefined();
    expect(parseAttributes('foo=\'x r="1"\' r="B2"')).toEqual({ foo: 'x r="1"', r: 'B2' });
  });

  it('reads values as XML does: references decoded, white space characters as spaces', () => {
    expect(attribute('v="a&#10;b\nc\r\nd\te&amp;&#x9;"', 'v')).toBe('a\nb c d e&\t');
  });

  it('reads several attributes in one pass, the first of a repeated name', () => {
    const values: (string | undefined)[] = ['stale', 'stale', 'stale', 'stale'];
    const raw = 'r="C7" ts="x" t="s" t="n" spans="1:2"';
    expect(readAttributes(raw, ['r', 's', 't'], values)).toBe(values);
    expect(values).toEqual(['C7', undefined, 's', 'stale']);
    expect(readAttributes('', ['r'], values)[0]).toBeUndefined();
    expect(attribute(raw, 't')).toBe('s');
    expect(parseAttributes(raw).t).toBe('s');
  });

  it('skips what is not an attribute', () => {
    const raw = 'checked r=A1 s="2" = "x" t="unclosed';
    expect(attribute(raw, 's')).toBe('2');
    expect(attribute(raw, 'r')).toBeUndefined();
    expect(attribute(raw, 't')).toBeUndefined();
    expect(parseAttributes(raw)).toEqual({ s: '2' });
  });

  it("keeps a file's __proto__ attribute as an attribute", () => {
    const attributes = parseAttributes('__proto__="x" constructor="y"');
    expect(Object.keys(attributes)).toEqual(['__proto__', 'constructor']);
    expect(attributes.constructor).toBe('y');
  });

  it('reads one attribute by name, not a longer name ending with it', () => {
    const raw = 'spans="1:3" r="12" s=\'4\' t="s&amp;t"';
    expect(attribute(raw, 'r')).toBe('12');
    expect(attribute(raw, 's')).toBe('4');
    expect(attribute(raw, 't')).toBe('s&t');
    expect(attribute(raw, 'ht')).toBeUndefined();
    expect(attribute('', 'r')).toBeUndefined();
  });

  it('parses all attributes, spaces around = allowed', () => {
    expect(parseAttributes('a="1" b = \'x &lt; y\' r:id="rId3"')).toEqual({
      a: '1',
      b: 'x < y',
      'r:id': 'rId3',
    });
  });

  it('decodes the XML entities and character references', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;&unknown;')).toBe(
      '<>&"\'A😀&unknown;',
    );
  });

  it('keeps a reference to what is not an XML character as written, without throwing', () => {
    for (const ref of ['&#xFFFFFFFF;', '&#x110000;', '&#0;', '&#1;', '&#xD800;', '&#xFFFE;']) {
      expect(decodeEntities(`a${ref}b`), ref).toBe(`a${ref}b`);
    }
    expect(decodeEntities('&#x0000000041;&#9;&#x10FFFF;')).toBe('A\t\u{10FFFF}');
  });
});
