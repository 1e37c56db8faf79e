/**
 * Generates big source files of realistic ContractContact rows for measuring the readers:
 *
 *   node --import tsx scripts/gen-big-files.ts OUTDIR [--csv-rows N] [--xlsx-rows N]
 *
 * writes OUTDIR/contacts-<N>.csv (Excel's "CSV UTF-8": BOM, commas, CRLF; default 1,000,000 rows)
 * and OUTDIR/contacts-<N>.xlsx (default 200,000 rows). Headers are the field names of
 * src/fields.ts. Keep the output out of the repository (use /tmp).
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { AML_CHECK_STATUSES, CONTRACT_CONTACT_TYPES, FIELDS } from '../src/fields.js';
import type { FieldName } from '../src/fields.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'csv-rows': { type: 'string', default: '1000000' },
    'xlsx-rows': { type: 'string', default: '200000' },
  },
});
const outDir = positionals[0];
if (!outDir) {
  console.error(
    'usage: node --import tsx scripts/gen-big-files.ts OUTDIR [--csv-rows N] [--xlsx-rows N]',
  );
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const FIRST = [
  'Amélie',
  'Jürgen',
  'Zoë',
  'Łukasz',
  'Siobhán',
  'José',
  'Ingrid',
  'Oluwaseun',
  'Chloé',
  'Björn',
  'Mei',
  'Noah',
];
const LAST = [
  'Durand',
  'Müller',
  "O'Connor",
  'Kowalski',
  'García Márquez',
  'Øvergaard',
  'Smith-Jones',
  'Nakamura',
  'Dubois',
];
const CITIES: readonly (readonly [string, string, string, string])[] = [
  ['Paris', 'Île-de-France', 'France', '75002'],
  ['London', 'Greater London', 'GB', 'EC1A 1BB'],
  ['Berlin', 'Berlin', 'DEU', '10115'],
  ['Boston', 'Massachusetts', 'United States', '02108'],
  ['Madrid', 'Comunidad de Madrid', 'ES', '28013'],
];
const NOTES = [
  '',
  'Collects mail on Fridays',
  'Forward parcels, "fragile" only',
  'Director since 2019,\nsee board minutes',
  'VIP',
];

/** The value of one field in row `i`, as a person would have it: text, or a Date for date cells. */
function value(name: FieldName, i: number): string | number | Date {
  const [city, state, country, post] = CITIES[i % CITIES.length] ?? CITIES[0]!;
  const first = FIRST[i % FIRST.length] ?? '';
  const last = LAST[(i * 7) % LAST.length] ?? '';
  switch (name) {
    case 'CoworkerContractId':
      return 7000 + (i % 5000);
    case 'FullName':
      return `${first} ${last} ${i}`;
    case 'ContractContactType':
      return CONTRACT_CONTACT_TYPES[1 + (i % 3)]?.label ?? 'Director';
    case 'AmlCheckStatus':
      return AML_CHECK_STATUSES[i % AML_CHECK_STATUSES.length]?.label ?? '';
    case 'CoworkerId':
      return i % 4 === 0 ? 2000 + (i % 300) : '';
    case 'Email':
      return `${first.normalize('NFD').replace(/[^\w]/g, '').toLowerCase()}.${i}@example.com`;
    case 'DateOfBirth':
      return new Date(Date.UTC(1950 + (i % 50), i % 12, 1 + (i % 28)));
    case 'Address':
      return `${1 + (i % 200)} ${['Rue de la Paix', 'High Street', 'Hauptstraße', 'Calle Mayor'][i % 4]}`;
    case 'PostCode':
      return post;
    case 'CityName':
      return city;
    case 'State':
      return state;
    case 'CountryId':
      return country;
    case 'PhoneNumber':
      return `+44 20 7946 ${String(i % 10000).padStart(4, '0')}`;
    case 'Notes':
      return NOTES[i % NOTES.length] ?? '';
    case 'AmlCheckDate':
    case 'AmlClearedOn':
      return new Date(Date.UTC(2025, i % 12, 1 + (i % 28), 9, 30));
    case 'AmlOpenSanctionsScore':
      return (i % 100) / 100;
    case 'AmlOpenSanctionsResponse':
      return i % 3 === 0 ? '{"results":[]}' : '';
    case 'AmlPappersResponse':
      return 'No match';
    case 'AmlPappersStatus':
      return 'Clear';
    case 'AmlNotes':
      return i % 5 === 0 ? 'Passport seen in person' : '';
    case 'AmlClearedBy':
      return 'compliance@example.com';
  }
}

const names = FIELDS.map((f) => f.name);

function csvCell(v: string | number | Date): string {
  const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(rows: number): Promise<string> {
  const path = join(outDir!, `contacts-${rows}.csv`);
  const out = createWriteStream(path);
  let buffer = `\uFEFF${names.join(',')}\r\n`;
  for (let i = 0; i < rows; i++) {
    buffer += `${names.map((n) => csvCell(value(n, i))).join(',')}\r\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return path;
}

/**
 * The streaming writer is fine for generating (memory stays flat), but with useSharedStrings it
 * stores every rich-text cell as the first one (STYLE.md): these rows hold no rich text.
 */
async function writeXlsx(rows: number): Promise<string> {
  const path = join(outDir!, `contacts-${rows}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.columns = FIELDS.map((f) => ({
    header: f.name,
    key: f.name,
    width: 18,
    style:
      f.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : f.kind === 'verbatim' ? { numFmt: '@' } : {},
  }));
  for (let i = 0; i < rows; i++) {
    sheet.addRow(Object.fromEntries(names.map((n) => [n, value(n, i)]))).commit();
  }
  sheet.commit();
  await workbook.commit();
  return path;
}

for (const [label, rows, write] of [
  ['CSV', Number(values['csv-rows']), writeCsv],
  ['XLSX', Number(values['xlsx-rows']), writeXlsx],
] as const) {
  if (!(rows > 0)) continue;
  const started = performance.now();
  const path = await write(rows);
  console.log(
    `${label}: ${path} (${rows} rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
