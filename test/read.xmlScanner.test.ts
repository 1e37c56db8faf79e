import { describe, expect, it } from 'vitest';
import { attribute, decodeEntities, parseAttributes, XmlScanner } from '../src/read/xmlScanner.js';

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

  it('throws when the XML ends inside a tag', () => {
    expect(() => scan(['<a><b attr="x'])).toThrow(/ends inside/);
    expect(() => scan(['<a>text</a>  \n'])).not.toThrow();
  });
});

describe('attributes', () => {
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
});
