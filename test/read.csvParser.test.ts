import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, MAX_CELL_LENGTH } from '../src/read/csvParser.js';
import type { CsvRecord } from '../src/read/csvParser.js';
import { checkDelimiterOption, sniffDelimiter } from '../src/read/delimiter.js';
import { ImportError } from '../src/errors.js';

function parse(chunks: readonly string[], delimiter = ','): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  for (const chunk of chunks) parser.feed(chunk, out);
  parser.end(out);
  return out;
}

const SAMPLE =
  'Name,Notes,City\r\n"Durand, Amélie","said ""hi""\r\nthen left",Paris\r\n\r\nplain,"",x\n"a"b,c"d,\re,f\r\nlast,row,"no newline"';

describe('CsvParser', () => {
  it('reads quoted delimiters, doubled quotes, line breaks, and counts a record once', () => {
    expect(parse([SAMPLE])).toEqual([
      { row: 1, fields: ['Name', 'Notes', 'City'] },
      { row: 2, fields: ['Durand, Amélie', 'said "hi"\r\nthen left', 'Paris'] },
      { row: 3, fields: [''] },
      { row: 4, fields: ['plain', '', 'x'] },
      // Text after a closing quote and a quote inside an unquoted cell are kept, as Excel does.
      { row: 5, fields: ['ab', 'c"d', ''] },
      // A lone CR ends a record (old Mac Excel).
      { row: 6, fields: ['e', 'f'] },
      { row: 7, fields: ['last', 'row', 'no newline'] },
    ]);
  });

  it('gives the same records however the text is split into chunks', () => {
    const whole = parse([SAMPLE]);
    for (let i = 0; i <= SAMPLE.length; i++) {
      expect(parse([SAMPLE.slice(0, i), SAMPLE.slice(i)]), `split at ${i}`).toEqual(whole);
    }
    expect(parse([...SAMPLE])).toEqual(whole);
  });

  it('does not add a record for the final line break, but counts blank lines', () => {
    expect(parse(['a\n'])).toEqual([{ row: 1, fields: ['a'] }]);
    expect(parse(['a\r\n\r\n\nb'])).toEqual([
      { row: 1, fields: ['a'] },
      { row: 2, fields: [''] },
      { row: 3, fields: [''] },
      { row: 4, fields: ['b'] },
    ]);
    expect(parse([''])).toEqual([]);
  });

  it('uses the delimiter it is given', () => {
    expect(parse(['a;"b;c"\tx|y'], ';')).toEqual([{ row: 1, fields: ['a', 'b;c\tx|y'] }]);
    expect(parse(['a\t"b\tc"'], '\t')).toEqual([{ row: 1, fields: ['a', 'b\tc'] }]);
  });

  it('reports an unclosed quote at the end with the row where it opened', () => {
    const error = (() => {
      try {
        parse(['h\n\nok\n"never closed\nmore\nrows\n']);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ kind: 'unclosed-quote', row: 4 });
  });

  it('stops a quoted cell that runs past 32,767 characters instead of reading the file into it', () => {
    const parser = new CsvParser(',');
    const chunk = 'x'.repeat(64 * 1024);
    expect(() => {
      parser.feed('a\n"', []);
      for (let i = 0; i * chunk.length <= MAX_CELL_LENGTH; i++) parser.feed(chunk, []);
    }).toThrow(expect.objectContaining({ kind: 'long-quoted-cell', row: 2 }));
  });

  it('stops an unquoted cell past 32,767 characters, and a row past 16,384 cells', () => {
    expect(() => new CsvParser(',').feed(`a\n${'x'.repeat(MAX_CELL_LENGTH + 1)}`, [])).toThrow(
      expect.objectContaining({ kind: 'cell-too-long', row: 2 }),
    );
    expect(() => new CsvParser(',').feed(`a\n${'x'.repeat(MAX_CELL_LENGTH)}\n`, [])).not.toThrow();
    expect(() => new CsvParser(';').feed(`a\n${';'.repeat(16_384)}`, [])).toThrow(
      expect.objectContaining({ kind: 'too-many-cells', row: 2 }),
    );
    expect(() => new CsvParser(';').feed(`a\n${';'.repeat(16_383)}\n`, [])).not.toThrow();
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['Name,Email,City\n1,2,3', ','],
    ['Name;Email;City\r\n', ';'],
    ['Name\tEmail\tCity\n', '\t'],
    ['Name|Email|City\n', '|'],
    ['"Name, full";Email;City\n', ';'],
    ['\n\n  \n;;;\nName;Email\n', ';'],
    ['OnlyOneColumn\nvalue\n', ','],
    ['"Line\nbreak",b\n', ','],
  ])('%j → %j', (text, expected) => {
    expect(sniffDelimiter(text, true)).toBe(expected);
  });

  it('breaks a tie by the rows that follow, then by the order , ; tab |', () => {
    expect(
      sniffDelimiter('Nom;Adresse, ligne 1\nDurand;12 rue de la Paix\nMartin;3 place X\n', true),
    ).toBe(';');
    expect(sniffDelimiter('Name,Street; No\nDurand,Main St 1\n', true)).toBe(',');
    expect(sniffDelimiter('a,b;c\n', true)).toBe(',');
  });

  it('asks for more text until the header line ends', () => {
    expect(sniffDelimiter('\n\nName;Ema', false)).toBeUndefined();
    expect(sniffDelimiter('\n\nName;Ema', true)).toBe(';');
  });
});

describe('checkDelimiterOption', () => {
  it.each([
    [',', ','],
    [';', ';'],
    ['|', '|'],
    ['\t', '\t'],
    ['\\t', '\t'],
    ['tab', '\t'],
    ['TAB', '\t'],
    ['semicolon', ';'],
  ])('%j → %j', (value, expected) => {
    expect(checkDelimiterOption(value)).toBe(expected);
  });

  it.each(['', ';;', '"', 'x', '7', '\n'])('refuses %j as a usage error', (value) => {
    expect(() => checkDelimiterOption(value)).toThrow(ImportError);
    try {
      checkDelimiterOption(value);
    } catch (e) {
      expect((e as ImportError).code).toBe('usage');
    }
  });
});
