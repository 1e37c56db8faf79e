import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ContractContactRecord, type Sandbox } from '../src/sandbox/index.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});
const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];
const countryId = (code: string) =>
  1000 + Number({ FR: 250, DE: 276, GB: 826, ES: 724, BE: 56 }[code]);

/** What Excel on a French or German Windows saves: Windows-1252, `;`, CRLF. */
function writeExcelCsv(name: string, lines: string[]): string {
  const path = join(cwd, name);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1252'));
  return path;
}

describe('mapping what people type, end to end', () => {
  const header =
    'Contract ID;Full name;Type;AML status;E-mail;Date of birth;Post code;Country;Phone';
  const rows = [
    '7102;Amélie Dürr;Director;Clear;amelie@example.fr;23/06/1975;01620;France;+33 1 42 68 53 00', // 2
    '7102;Œuvres Ünal SARL;company alias;not started;;;;FR;', // 3
    '7103;Jürgen Weiß;NOMINATED RECIPIENT;Pending;j.weiss@example.de;05/06/1968;40212;Deutschland;0211 123456', // 4: unknown country
    '7103;François Lefèvre;Director;Clear;francois@@example.fr;31/12/1980;75002;FRA;', // 5: bad email
    '7104;Søren Kierkegaard;Director;Sometimes;;12/11/1913;;DK;', // 6: bad AML status
    '7104;Zoë Ñúñez;Nominated recipient;Clear;zoe@example.es;30/02/1990;28001;Spain;€ 5', // 7: impossible date
    '7105;Chloé Martin;Director;Potential match;chloe@example.be;01/02/1985;1000;Belgium;+32 2 555 01 01', // 8
  ];

  it('validate names exactly the wrong rows with their PropertyName; import stores exact payloads', async () => {
    const file = writeExcelCsv('excel-fr.csv', [header, ...rows]);
    const check = await runCli(['validate', file, '--out', 'v'], { cwd });
    expect(check.code).toBe(1);
    const errors = readReport(join(cwd, 'v', 'errors.csv'));
    expect(errors.map((e) => [e.Row, e.Errors?.split(':')[0]])).toEqual([
      ['4', 'CountryId'],
      ['5', 'Email'],
      ['6', 'AmlCheckStatus'],
      ['7', 'DateOfBirth'],
    ]);
    // the errors file echoes the cells as they were, accents intact, with the source's delimiter
    expect(errors[0]?.['Full name']).toBe('Jürgen Weiß');

    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'i', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(1);
    expect(readSummary(join(cwd, 'i')).counts).toMatchObject({ created: 3, failed: 4 });
    // the account's two contacts come first; requests run two at a time, so sort by name
    const stored = sandbox
      .contacts()
      .slice(2)
      .sort((a, b) => String(a.FullName).localeCompare(String(b.FullName)));
    const strip = (r: ContractContactRecord) => {
      const { Id: _i, CreatedOn: _c, UpdatedOn: _u, UniqueId: _q, ...payload } = r;
      return payload;
    };
    expect(stored.map(strip)).toEqual([
      {
        CoworkerContractId: 7102,
        FullName: 'Amélie Dürr',
        ContractContactType: 1,
        AmlCheckStatus: 2,
        Email: 'amelie@example.fr',
        DateOfBirth: '1975-06-23T00:00:00',
        PostCode: '01620',
        CountryId: countryId('FR'),
        PhoneNumber: '+33 1 42 68 53 00',
      },
      {
        CoworkerContractId: 7105,
        FullName: 'Chloé Martin',
        ContractContactType: 1,
        AmlCheckStatus: 3,
        Email: 'chloe@example.be',
        DateOfBirth: '1985-02-01T00:00:00',
        PostCode: '1000',
        CountryId: countryId('BE'),
        PhoneNumber: '+32 2 555 01 01',
      },
      {
        CoworkerContractId: 7102,
        FullName: 'Œuvres Ünal SARL',
        ContractContactType: 2,
        AmlCheckStatus: 0,
        CountryId: countryId('FR'),
      },
    ]);
  });

  it('a column of 05/06/1975 alone is ambiguous; one 31/12/1980 settles it day-first; --date-format MDY reads month-first', async () => {
    const base = 'CoworkerContractId,FullName,DateOfBirth';
    const ambiguous = ['7101,Ann One,05/06/1975', '7101,Bob Two,03/04/1960'];
    const alone = join(cwd, 'alone.csv');
    writeFileSync(alone, [base, ...ambiguous].join('\n'));
    await runCli(['validate', alone, '--out', 'a'], { cwd });
    const failed = readReport(join(cwd, 'a', 'errors.csv'));
    expect(failed.map((e) => e.Errors)).toEqual([
      'DateOfBirth: is ambiguous (05/06/1975): pass --date-format DMY or MDY',
      'DateOfBirth: is ambiguous (03/04/1960): pass --date-format DMY or MDY',
    ]);

    const settled = join(cwd, 'settled.csv');
    writeFileSync(settled, [base, ...ambiguous, '7101,Cy Three,31/12/1980'].join('\n'));
    const a = await runCli(['import', settled, '--base-url', sandbox.url, '--out', 's', ...fast], {
      cwd,
      env: env(),
    });
    expect(a.code).toBe(0);
    const births = (name: string) =>
      sandbox.contacts().find((c) => c.FullName === name)?.DateOfBirth;
    expect(births('Ann One')).toBe('1975-06-05T00:00:00');
    expect(births('Bob Two')).toBe('1960-04-03T00:00:00');
    expect(births('Cy Three')).toBe('1980-12-31T00:00:00');

    const mdy = join(cwd, 'mdy.csv');
    writeFileSync(mdy, [base, '7102,Ann One,05/06/1975', '7102,Bob Two,03/04/1960'].join('\n'));
    const m = await runCli(
      ['import', mdy, '--base-url', sandbox.url, '--out', 'm', '--date-format', 'MDY', ...fast],
      { cwd, env: env() },
    );
    expect(m.code).toBe(0);
    const on7102 = sandbox.contacts().filter((c) => c.CoworkerContractId === 7102);
    expect(on7102.find((c) => c.FullName === 'Ann One')?.DateOfBirth).toBe('1975-05-06T00:00:00');
    expect(on7102.find((c) => c.FullName === 'Bob Two')?.DateOfBirth).toBe('1960-03-04T00:00:00');
  });

  it('--mapping covers headers no alias knows; a missing required column exits 2 listing the headers', async () => {
    const file = join(cwd, 'german.csv');
    writeFileSync(file, 'Vertrag,Ansprechpartner,Rolle\n7101,Greta Holz,Director\n');
    const missing = await runCli(['validate', file, '--out', 'x'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CoworkerContractId');
    expect(missing.stderr).toContain('Vertrag, Ansprechpartner, Rolle');
    expect(missing.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);

    // Mapping only the two required columns leaves Rolle, with values, matching no field: that
    // stops the run (it would make every contact a Director), suggesting the field it resembles.
    const mapping = join(cwd, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({ Vertrag: 'CoworkerContractId', Ansprechpartner: 'FullName' }),
    );
    const unmatched = await runCli(['validate', file, '--mapping', mapping, '--out', 'z'], { cwd });
    expect(unmatched.code).toBe(2);
    expect(unmatched.stderr).toBe(
      '"Rolle" (column C of german.csv) matches no field. Did you mean ContractContactType? Rename the header, map it with --mapping, or pass --ignore-column Rolle.\n',
    );
    writeFileSync(
      mapping,
      JSON.stringify({
        Vertrag: 'CoworkerContractId',
        Ansprechpartner: 'FullName',
        Rolle: 'ContractContactType',
      }),
    );
    const run = await runCli(
      ['import', file, '--mapping', mapping, '--base-url', sandbox.url, '--out', 'y', ...fast],
      { cwd, env: env() },
    );
    expect(run.code).toBe(0);
    expect(sandbox.contacts().find((c) => c.FullName === 'Greta Holz')).toMatchObject({
      CoworkerContractId: 7101,
      ContractContactType: 1,
    });
  });

  it('when the evidence turns late in a column, the whole file is read again in the final order', async () => {
    const file = join(cwd, 'turns.csv');
    const lines = ['CoworkerContractId,FullName,DateOfBirth', '7101,First One,13/01/1980'];
    for (let i = 0; i < 5; i += 1) lines.push(`7101,Later ${i},01/1${3 + i}/1980`);
    writeFileSync(file, lines.join('\n'));
    const run = await runCli(['validate', file, '--out', 't'], { cwd });
    expect(run.code).toBe(1);
    const errors = readReport(join(cwd, 't', 'errors.csv'));
    expect(errors.map((e) => e.Row)).toEqual(['2']);
    expect(errors[0]?.Errors).toMatch(/^DateOfBirth: /);
    const summary = readSummary(join(cwd, 't'));
    expect(summary.counts).toMatchObject({ rows: 6, failed: 1, notAttempted: 5 });
  });
});
