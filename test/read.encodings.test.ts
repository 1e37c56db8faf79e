import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { guessEncoding } from '../src/read/guessEncoding.js';
import { openSource } from '../src/read/index.js';
import { WordScanner } from '../src/read/wordScan.js';
import {
  csvText,
  expectedEncoding,
  FIXTURES,
  REFUSED,
  SAMPLES,
} from './fixtures/encodings/corpus.js';
import type { Fixture } from './fixtures/encodings/corpus.js';
import { allRows, expectImportError, tempFolder } from './readHelpers.js';

const temp = tempFolder('read-encodings');
afterAll(() => temp.cleanup());

const fixturePath = (name: string) =>
  fileURLToPath(new URL(`fixtures/encodings/${name}`, import.meta.url));

/** The rows a fixture must read as: every cell exactly as written, empty ones null. */
const expectedRows = (fixture: Fixture) =>
  fixture.rows.map((row, i) => ({
    row: i + 2,
    cells: row.split(';').map((cell) => (cell === '' ? null : cell)),
  }));

describe('the encoding fixtures: each read exactly right, or refused; never read wrong', () => {
  it('the committed files are what make.ts writes from corpus.ts', () => {
    for (const fixture of FIXTURES) {
      const bytes = readFileSync(fixturePath(fixture.file));
      expect(
        bytes.equals(iconv.encode(csvText(fixture), fixture.sample.encoding)),
        fixture.file,
      ).toBe(true);
    }
  });

  it.each(FIXTURES.filter((f) => !REFUSED.has(f.file)))('$file is read right', async (f) => {
    const path = fixturePath(f.file);
    const table = await openSource(path);
    expect(table).toMatchObject({
      format: 'csv',
      encoding: expectedEncoding(f, readFileSync(path)),
      encodingBy: 'text',
      delimiter: f.sample.delimiter,
      headers: f.sample.header,
    });
    expect(await allRows(table)).toEqual(expectedRows(f));
  });

  it.each(FIXTURES.filter((f) => REFUSED.has(f.file)))(
    '$file is refused, naming its encoding among the likely ones',
    async (f) => {
      const path = fixturePath(f.file);
      const error = await expectImportError(
        openSource(path),
        'doubtful-encoding',
        `--encoding ${expectedEncoding(f, readFileSync(path))}`,
      );
      expect(error.message).toContain('row 2 shows "');
      expect(error.message).toContain('"CSV UTF-8"');
    },
  );

  it('every sample read whole is read right (short files are where doubt belongs)', () => {
    const whole = SAMPLES.map((s) => FIXTURES.find((f) => f.sample === s && f.rows === s.rows));
    expect(whole.filter((f) => f && REFUSED.has(f.file))).toEqual([]);
  });
});

/** The guess for a file's bytes, without a file: right, refused or wrong. */
function outcome(text: string, encoding: string, chunk = Infinity): 'right' | 'refused' | 'wrong' {
  const bytes = iconv.encode(text, encoding);
  const scanner = new WordScanner();
  for (let i = 0; i < bytes.length; i += chunk) scanner.feed(bytes.subarray(i, i + chunk));
  scanner.end();
  const guess = guessEncoding(scanner);
  if (guess.kind !== 'sure') return 'refused';
  return iconv.decode(bytes, guess.encoding) === text ? 'right' : 'wrong';
}

describe('files made of any rows of the corpus', () => {
  // A seeded generator: the same files on every run.
  let seed = 20261130;
  const random = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
  const encodings = [...new Set(SAMPLES.map((s) => s.encoding))];

  it.each(encodings)('are never read wrong: %s', (encoding) => {
    const samples = SAMPLES.filter((s) => s.encoding === encoding);
    const counts = { right: 0, refused: 0, wrong: 0 };
    const wrong: string[] = [];
    for (const rows of [1, 2, 3, 5, 8]) {
      for (let trial = 0; trial < 150; trial++) {
        // mostly one office's language; sometimes rows from all the code page's samples
        const mixed = random(3) === 0;
        const base = samples[random(samples.length)] as (typeof samples)[number];
        const picked = Array.from({ length: rows }, () => {
          const from = mixed ? (samples[random(samples.length)] ?? base) : base;
          return (from.rows[random(from.rows.length)] ?? '').split(';').slice(0, 6).join(';');
        });
        const text = csvText({
          file: '',
          sample: { ...base, header: base.header.slice(0, 6) },
          rows: picked,
          note: '',
        });
        const result = outcome(text, encoding);
        counts[result]++;
        if (result === 'wrong') wrong.push(picked.join(' | '));
      }
    }
    expect(wrong).toEqual([]);
    // The larger files decide: at most a quarter of all these mostly short files is refused.
    expect(counts.refused).toBeLessThan((counts.right + counts.refused) / 4);
  });

  it('are scanned into the same words whatever the chunks the file is read in', () => {
    const filler = 'Anna Smith,anna@example.com,1 Main Street,London\r\n';
    const texts = [
      ...FIXTURES.filter((_, i) => i % 4 === 0).map((f) =>
        iconv.encode(csvText(f), f.sample.encoding),
      ),
      // accents far apart, around the scanner's 512-byte ASCII blocks, and at the very end
      iconv.encode(
        `${filler.repeat(40)}Zoë Brontë,x\r\n${filler.repeat(11)}Ærø${'x'.repeat(700)}é`,
        'windows-1252',
      ),
    ];
    for (const bytes of texts) {
      const scan = (chunk: number) => {
        const scanner = new WordScanner();
        for (let i = 0; i < bytes.length; i += chunk) scanner.feed(bytes.subarray(i, i + chunk));
        scanner.end();
        return { seen: [...scanner.seen], words: scanner.words };
      };
      const whole = scan(bytes.length);
      for (const chunk of [1, 2, 7, 100, 511, 513]) expect(scan(chunk)).toEqual(whole);
    }
  });

  it('give the same guess whatever the chunks the file is read in', () => {
    for (const fixture of FIXTURES.filter((_, i) => i % 3 === 0)) {
      const text = csvText(fixture);
      const whole = outcome(text, fixture.sample.encoding);
      for (const chunk of [1, 2, 3, 7, 64]) {
        expect(outcome(text, fixture.sample.encoding, chunk), `${fixture.file} / ${chunk}`).toBe(
          whole,
        );
      }
    }
  });
});

describe('the cases of issue 11', () => {
  const write = (name: string, text: string, encoding: string) =>
    temp.file(name, iconv.encode(text, encoding));

  it('reads Łukasz Wróbel and Małgorzata Żółkiewska from Windows-1250 as written', async () => {
    const path = write(
      'polish.csv',
      'FullName;CityName\r\nŁukasz Wróbel;Gdańsk\r\nMałgorzata Żółkiewska;Kraków\r\n',
      'windows-1250',
    );
    const table = await openSource(path);
    expect(table).toMatchObject({ encoding: 'windows-1250', encodingBy: 'text' });
    expect(await allRows(table)).toEqual([
      { row: 2, cells: ['Łukasz Wróbel', 'Gdańsk'] },
      { row: 3, cells: ['Małgorzata Żółkiewska', 'Kraków'] },
    ]);
  });

  it('never reads a byte Windows-1252 leaves undefined as U+FFFD: Šťastný (0x9D) is Windows-1250', async () => {
    const path = write('czech.csv', 'FullName;CityName\r\nJan Šťastný;Praha\r\n', 'windows-1250');
    expect(readFileSync(path).includes(0x9d)).toBe(true);
    const table = await openSource(path);
    expect(table.encoding).toBe('windows-1250');
    expect(await allRows(table)).toEqual([{ row: 2, cells: ['Jan Šťastný', 'Praha'] }]);
  });

  it.each([0x81, 0x8d, 0x8f, 0x90, 0x9d])(
    'never reads byte %i, which Windows-1252 leaves undefined, as U+FFFD',
    async (byte) => {
      const bytes = Buffer.concat([
        Buffer.from('FullName,CityName\r\nAnn Caf'),
        Buffer.from([byte]),
        Buffer.from(',Paris\r\n'),
      ]);
      const path = temp.file(`undefined-${byte}.csv`, bytes);
      const outcome = await openSource(path).then(allRows, (error: unknown) => error);
      if (Array.isArray(outcome)) {
        // read in a code page where the byte is a letter (Czech ť, Mac Roman è)
        expect(JSON.stringify(outcome)).not.toContain('\uFFFD');
        expect(outcome[0]?.cells[0]).not.toBe('Ann Caf\uFFFD');
      } else {
        expect(outcome).toMatchObject({ code: 'doubtful-encoding' });
      }
    },
  );

  it('refuses a byte no code page reads as a letter there, showing it', async () => {
    const bytes = Buffer.from('FullName,CityName\r\nAnn Caf\x81,Paris\r\n', 'latin1');
    const path = temp.file('undefined.csv', bytes);
    await expectImportError(
      openSource(path),
      'doubtful-encoding',
      'no encoding that spreadsheet programs write reads it as names and addresses (row 2 reads "Caf?" as windows-1252)',
    );
  });

  it('reads José Núñez from Mac Roman (not JosŽ Nœ–ez)', async () => {
    const path = fixturePath('es-mac-jose-nunez.csv');
    const table = await openSource(path);
    expect(table).toMatchObject({ encoding: 'macintosh', encodingBy: 'text' });
    const [row] = await allRows(table);
    expect(row?.cells[1]).toBe('José Núñez');
  });

  it('reads Western European Windows-1252 with € ’ “ ” – £ with no option', async () => {
    for (const code of ['fr', 'de', 'es', 'ca', 'pt', 'it', 'nl', 'nordic', 'en-gb-ie']) {
      const path = fixturePath(`${code}-1252.csv`);
      const table = await openSource(path);
      expect(table, code).toMatchObject({ encoding: 'windows-1252', encodingBy: 'text' });
    }
    const rows = await allRows(await openSource(fixturePath('en-gb-ie-1252.csv')));
    expect(rows[0]?.cells).toEqual([
      '8001',
      'Siobhán O’Sullivan',
      'siobhan.osullivan@example.ie',
      '14 Grafton Street',
      'D02 VF65',
      'Dublin',
      '“Hot desk” – pays €150 a month',
    ]);
  });
});

describe('bytes outside words', () => {
  it('reads a no-break space (French thousands, 1 234) as Windows-1252, not a Mac Roman dagger', async () => {
    const text = 'FullName;Notes\r\nAnne Martin;Caution 1\u00A0200 EUR\r\n';
    const path = temp.file('nbsp.csv', iconv.encode(text, 'windows-1252'));
    const table = await openSource(path);
    expect(table).toMatchObject({ encoding: 'windows-1252', encodingBy: 'text' });
    expect((await allRows(table))[0]?.cells).toEqual(['Anne Martin', 'Caution 1\u00A0200 EUR']);
  });
});

describe('the refusal', () => {
  it('names the likely encodings with the first doubtful word decoded each way, and its row', async () => {
    const text =
      'FullName;CityName\r\nAnna Martin;Lyon\r\n"Hélène\r\nLefèvre";Paris\r\nZoé;Nice\r\n';
    const path = temp.file('helene.csv', iconv.encode(text, 'windows-1252'));
    const error = await expectImportError(
      openSource(path),
      'doubtful-encoding',
      'row 3 shows "Hélène" in Windows-1252 (Western European) but "Hélčne" in Windows-1250 (Central European)',
    );
    expect(error.message).toContain('helene.csv is not saved as UTF-8');
    expect(error.message).toContain('--encoding windows-1252 or --encoding windows-1250');
    expect(error.message).toContain('save it from Excel as "CSV UTF-8"');
    expect(error.message.split('. ').length).toBeLessThanOrEqual(2);
  });

  it('counts rows as a spreadsheet does, with a semicolon file and a quoted line break', async () => {
    const text = 'Name;Notes\r\nA;"x\r\ny"\r\n\r\nB;Niccolò\r\n';
    const path = temp.file('rows.csv', iconv.encode(text, 'windows-1252'));
    await expectImportError(openSource(path), 'doubtful-encoding', 'row 4 shows "Niccolò"');
  });

  it('says a file mixes UTF-8 with another encoding, naming the first row that is not UTF-8', async () => {
    const path = temp.file(
      'mixed.csv',
      Buffer.concat([
        Buffer.from('FullName,CityName\nZoë Müller,Köln\n"Two\nlines",Łódź\n'),
        iconv.encode('Noël Café,Paris\n', 'windows-1252'),
      ]),
    );
    await expectImportError(
      openSource(path),
      'doubtful-encoding',
      'mixes text saved as UTF-8 with text in another encoding (row 4 is not UTF-8)',
    );
  });
});

describe('--encoding and how the encoding was settled', () => {
  const oneRow = () => fixturePath('fr-1252-1row.csv');

  it('--encoding skips detection: a file refused without it reads with it', async () => {
    await expectImportError(openSource(oneRow()), 'doubtful-encoding', 'Hélène');
    const table = await openSource(oneRow(), { encoding: 'Windows-1252' });
    expect(table).toMatchObject({ encoding: 'windows-1252', encodingBy: 'option' });
    expect((await allRows(table))[0]?.cells[1]).toBe('Hélène Lefèvre');
  });

  it.each(['macroman', 'mac-roman', 'MAC', 'macintosh'])(
    '--encoding %s is Mac Roman',
    async (name) => {
      const table = await openSource(fixturePath('fr-mac-1row.csv'), { encoding: name });
      expect(table).toMatchObject({ encoding: 'macintosh', encodingBy: 'option' });
      expect((await allRows(table))[0]?.cells[1]).toBe('Hélène Lefèvre');
    },
  );

  it('records bom, utf-8 and text', async () => {
    const bom = temp.file('bom.csv', `\uFEFFName\nZoë\n`);
    const utf8 = temp.file('utf8.csv', 'Name\nZoë\n');
    const ascii = temp.file('ascii.csv', 'Name\nZoe\n');
    expect(await openSource(bom)).toMatchObject({ encoding: 'utf-8', encodingBy: 'bom' });
    expect(await openSource(utf8)).toMatchObject({ encoding: 'utf-8', encodingBy: 'utf-8' });
    expect(await openSource(ascii)).toMatchObject({ encoding: 'utf-8', encodingBy: 'utf-8' });
    expect(await openSource(fixturePath('pl-1250.csv'))).toMatchObject({
      encoding: 'windows-1250',
      encodingBy: 'text',
    });
  });
});
