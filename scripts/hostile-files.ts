/**
 * Crafted XLSX files that once hung nexudus-import or blew its memory (issue 11), for the
 * benchmark's "hostile" rows and the slow tests:
 *
 *   node --import tsx scripts/hostile-files.ts OUTDIR [--scale N]
 *
 * writes each file of HOSTILE_FILES into OUTDIR. `scale` (default 1) divides the big ones, so a
 * test can make smaller versions of the same shapes. Keep the output out of the repository.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What a hostile file is, and what the importer must do with it. */
export interface HostileFile {
  readonly name: string;
  readonly what: string;
  /** `too-large`: refused (exit 2); `rows`: read to the end (exit 0 or 1), in time linear. */
  readonly expect: 'too-large' | 'rows';
}

/** Sheet XML, in pieces (a generator, so gigabytes are never held in memory). */
type Pieces = () => Iterable<string>;

interface Recipe extends HostileFile {
  readonly sheet: Pieces;
  readonly sharedStrings?: Pieces;
}

const HEADER =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>CoworkerContractId</t></is></c><c r="B1" t="inlineStr"><is><t>FullName</t></is></c></row>';
const FIRST_ROW =
  '<row r="2"><c r="A2"><v>7101</v></c><c r="B2" t="inlineStr"><is><t>Ann Lee</t></is></c></row>';

function* repeat(text: string, times: number, chunk = 1 << 16): Iterable<string> {
  const block = text.repeat(Math.max(1, Math.floor(chunk / text.length)));
  const perBlock = Math.max(1, Math.floor(chunk / text.length));
  let left = times;
  while (left >= perBlock) {
    yield block;
    left -= perBlock;
  }
  if (left > 0) yield text.repeat(left);
}

/** Letters that deflate hardly at all (xorshift32), so no inflate-ratio bound can help. */
function* noise(chars: number): Iterable<string> {
  let state = 2463534242;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let done = 0; done < chars;) {
    let text = '';
    const n = Math.min(1 << 16, chars - done);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      text += letters[(state >>> 0) % 26];
    }
    done += n;
    yield text;
  }
}

function recipes(scale: number): Recipe[] {
  const mb = (n: number) => Math.round((n * 1024 * 1024) / scale);
  return [
    {
      name: 'huge-cell-repeated.xlsx',
      what: 'one 50 MB cell of one letter (50 KB file)',
      expect: 'too-large',
      sheet: function* () {
        yield HEADER;
        yield '<row r="2"><c r="A2"><v>7101</v></c><c r="B2" t="inlineStr"><is><t>';
        yield* repeat('a', mb(50));
        yield '</t></is></c></row>';
      },
    },
    {
      name: 'huge-cell-noise.xlsx',
      what: 'one 20 MB cell of letters that do not compress',
      expect: 'too-large',
      sheet: function* () {
        yield HEADER;
        yield '<row r="2"><c r="A2"><v>7101</v></c><c r="B2" t="inlineStr"><is><t>';
        yield* noise(mb(20));
        yield '</t></is></c></row>';
      },
    },
    {
      name: 'many-shared-strings.xlsx',
      what: '40 million empty shared strings (~1.7 MB file)',
      expect: 'too-large',
      sheet: function* () {
        yield HEADER.replace('t="inlineStr"><is><t>FullName</t></is>', 't="s"><v>0</v>');
        yield FIRST_ROW;
      },
      sharedStrings: function* () {
        yield* repeat('<si/>', Math.round(40_000_000 / scale));
      },
    },
    {
      name: 'many-distinct-strings.xlsx',
      what: '5 million distinct shared strings (within the inflate bound)',
      expect: 'too-large',
      sheet: function* () {
        yield HEADER;
        yield FIRST_ROW;
      },
      sharedStrings: function* () {
        const count = Math.max(4_000_001, Math.round(5_000_000 / scale));
        for (let i = 0; i < count; i += 10_000) {
          let text = '';
          for (let k = i; k < Math.min(count, i + 10_000); k++) text += `<si><t>${k}</t></si>`;
          yield text;
        }
      },
    },
    {
      name: 'far-column.xlsx',
      what: 'a cell reference r="AAAAAAA2"',
      expect: 'too-large',
      sheet: function* () {
        yield HEADER;
        yield '<row r="2"><c r="AAAAAAA2" t="inlineStr"><is><t>x</t></is></c></row>';
      },
    },
    {
      name: 'zip-bomb.xlsx',
      what: 'identical rows that inflate 300 times (4 MB file, 1.25 GB of XML)',
      expect: 'too-large',
      sheet: function* () {
        yield HEADER;
        // Rows without `r` follow each other, so every one is the same bytes.
        yield* repeat(
          '<row><c t="inlineStr"><is><t>7101</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>',
          Math.round(1_250_000_000 / 92 / scale),
        );
      },
    },
    {
      name: 'xfd-rows.xlsx',
      what: '100,000 rows each with one cell in column XFD',
      expect: 'rows',
      sheet: function* () {
        yield HEADER;
        for (let r = 2; r < 2 + Math.round(100_000 / scale); r += 1000) {
          let text = '';
          for (let k = r; k < r + 1000; k++) {
            text += `<row r="${k}"><c r="A${k}"><v>7101</v></c><c r="B${k}" t="inlineStr"><is><t>P ${k}</t></is></c><c r="XFD${k}" t="inlineStr"><is><t>far</t></is></c></row>`;
          }
          yield text;
        }
      },
    },
  ];
}

/** The files and what they are, without writing them. */
export const HOSTILE_FILES: readonly HostileFile[] = recipes(1).map(({ name, what, expect }) => ({
  name,
  what,
  expect,
}));

/** Writes the hostile files into `dir` (names as HOSTILE_FILES); returns their paths by name. */
export async function writeHostileFiles(
  dir: string,
  scale = 1,
  only?: readonly string[],
): Promise<Map<string, string>> {
  mkdirSync(dir, { recursive: true });
  const paths = new Map<string, string>();
  for (const recipe of recipes(scale)) {
    if (only && !only.includes(recipe.name)) continue;
    const path = join(dir, recipe.name);
    await writeWorkbook(path, recipe);
    paths.set(recipe.name, path);
  }
  return paths;
}

async function writeWorkbook(path: string, recipe: Recipe): Promise<void> {
  const zip = new yazl.ZipFile();
  const text = (s: string) => Buffer.from(s, 'utf8');
  zip.addBuffer(
    text(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    text(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    text(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(
    text(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>${recipe.sharedStrings ? `<Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ),
    'xl/_rels/workbook.xml.rels',
  );
  const sheet = recipe.sheet;
  zip.addReadStream(
    Readable.from(
      (function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
        yield* sheet();
        yield '</sheetData></worksheet>';
      })(),
    ),
    'xl/worksheets/sheet1.xml',
    { compressionLevel: 9 },
  );
  const shared = recipe.sharedStrings;
  if (shared) {
    zip.addReadStream(
      Readable.from(
        (function* () {
          yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`;
          yield* shared();
          yield '</sst>';
        })(),
      ),
      'xl/sharedStrings.xml',
      { compressionLevel: 9 },
    );
  }
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  zip.end();
  await once(out, 'close');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { scale: { type: 'string', default: '1' } },
  });
  const dir = positionals[0];
  if (!dir) {
    console.error('usage: node --import tsx scripts/hostile-files.ts OUTDIR [--scale N]');
    process.exit(2);
  }
  for (const [name, path] of await writeHostileFiles(dir, Number(values.scale))) {
    console.log(`${name}\t${path}`);
  }
}
