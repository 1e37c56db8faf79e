import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import { FIELDS } from '../src/fields.js';
import { loadMapping, mapRow, matchHeaders } from '../src/map/index.js';
import type { ColumnMap, MapContext } from '../src/map/types.js';
import { NOW } from './map.helpers.js';

function thrown(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

/** Header -> why the column is left out, for the columns that are. */
const leftOut = (columns: ColumnMap): Record<string, string> =>
  Object.fromEntries(columns.uses.flatMap((u) => (u.leftOut ? [[u.header, u.leftOut]] : [])));

const fieldsOf = (headers: string[], mapping?: Record<string, string>) =>
  matchHeaders(headers, mapping).columns.fields;

describe('matchHeaders', () => {
  it('matches field names and every alias of fields.ts', () => {
    for (const f of FIELDS) {
      const base = ['Contract Id', 'Name'].filter(
        (h) =>
          !(f.name === 'CoworkerContractId' && h !== 'Name') &&
          !(f.name === 'FullName' && h === 'Name'),
      );
      for (const header of [f.name, ...f.aliases]) {
        expect(fieldsOf([...base, header])[f.name]?.columns, header).toEqual([base.length]);
      }
    }
  });

  it('ignores case, spaces, _, -, and .', () => {
    const fields = fieldsOf([
      'coworker_contract_id',
      'FULL NAME',
      'e-mail',
      'Date.Of.Birth',
      ' Post-Code ',
      'aml check date',
      'AML_NOTES',
    ]);
    expect(Object.keys(fields).sort()).toEqual(
      [
        'CoworkerContractId',
        'FullName',
        'Email',
        'DateOfBirth',
        'PostCode',
        'AmlCheckDate',
        'AmlNotes',
      ].sort(),
    );
  });

  it('accepts the aliases SPEC lists', () => {
    const fields = fieldsOf([
      'Contract',
      'Contact Name',
      'Role',
      'AML Status',
      'Customer Id',
      'Email Address',
      'DOB',
      'Street',
      'ZIP',
      'Town',
      'County',
      'Country Code',
      'Mobile',
      'Comments',
    ]);
    expect(Object.keys(fields)).toEqual([
      'CoworkerContractId',
      'FullName',
      'ContractContactType',
      'Email',
      'PhoneNumber',
      'Address',
      'CityName',
      'PostCode',
      'State',
      'CountryId',
      'DateOfBirth',
      'Notes',
      'CoworkerId',
      'AmlCheckStatus',
    ]);
  });

  it('makes FullName of First Name + Last Name, joined with a space', () => {
    const { columns } = matchHeaders(['Contract', 'First Name', 'Surname']);
    expect(columns.fields.FullName).toEqual({ columns: [1, 2], joiner: ' ' });
    const ctx: MapContext = { columns, dateOrders: {}, decimalComma: false, now: NOW };
    const mapped = mapRow({ row: 2, cells: ['7', ' Amélie ', 'Durand'] }, ctx);
    expect(mapped.ok && mapped.payload.FullName).toBe('Amélie Durand');
    const onlyFirst = mapRow({ row: 3, cells: ['7', 'Cher', ''] }, ctx);
    expect(onlyFirst.ok && onlyFirst.payload.FullName).toBe('Cher');
    const none = mapRow({ row: 4, cells: ['7', '', null] }, ctx);
    expect(none.ok ? [] : none.problems).toEqual([
      { PropertyName: 'FullName', Message: 'is a required field', columns: [1, 2] },
    ]);
  });

  it('accepts Given name / Forename with Family name', () => {
    expect(fieldsOf(['Contract', 'Forename', 'Family Name']).FullName?.columns).toEqual([1, 2]);
    expect(fieldsOf(['Contract', 'Given name', 'Last Name']).FullName?.columns).toEqual([1, 2]);
  });

  it('prefers a FullName column to First/Last Name, and says why they are left out', () => {
    const { columns } = matchHeaders(['Contract', 'First Name', 'Last Name', 'Full Name']);
    expect(columns.fields.FullName?.columns).toEqual([3]);
    expect(leftOut(columns)).toEqual({ 'First Name': 'taken', 'Last Name': 'taken' });
    expect(columns.uses[1]).toEqual({
      column: 1,
      header: 'First Name',
      slot: 'FirstName',
      leftOut: 'taken',
    });
  });

  it('makes Address of Address Line 1 + Address Line 2, joined with ", "', () => {
    const { columns } = matchHeaders(['Contract', 'Name', 'Address Line 1', 'Address Line 2']);
    expect(columns.fields.Address).toEqual({ columns: [2, 3], joiner: ', ' });
    const ctx: MapContext = { columns, dateOrders: {}, decimalComma: false, now: NOW };
    const both = mapRow({ row: 2, cells: ['7', 'Ann', '12 Rue de la Paix', 'Bâtiment B'] }, ctx);
    expect(both.ok && both.payload.Address).toBe('12 Rue de la Paix, Bâtiment B');
    const one = mapRow({ row: 2, cells: ['7', 'Ann', '12 Rue de la Paix', '  '] }, ctx);
    expect(one.ok && one.payload.Address).toBe('12 Rue de la Paix');
    const none = mapRow({ row: 2, cells: ['7', 'Ann', null, ''] }, ctx);
    expect(none.ok && 'Address' in none.payload).toBe(false);
    const bad = mapRow({ row: 2, cells: ['7', 'Ann', '12 Rue', { error: '#VALUE!' }] }, ctx);
    expect(bad.ok ? [] : bad.problems).toEqual([
      {
        PropertyName: 'Address',
        Message: 'the cell shows the spreadsheet error #VALUE!',
        columns: [2, 3],
      },
    ]);
  });

  it('marks columns matching no field as unmatched (settled by their cells), and empty headers', () => {
    const { columns, unmatched } = matchHeaders([
      'Contract',
      'Name',
      'Shoe size',
      '',
      'Favourite colour',
    ]);
    expect(unmatched).toEqual([2, 4]);
    expect(leftOut(columns)).toEqual({
      'Shoe size': 'unmatched',
      '': 'no-header',
      'Favourite colour': 'unmatched',
    });
    // the reports still echo every column of the source
    expect(columns.sourceColumns).toEqual([0, 1, 2, 3, 4]);
    expect(matchHeaders(['Contract', 'Name']).unmatched).toEqual([]);
  });

  it('throws missing-column listing the headers found', () => {
    const error = thrown(() =>
      matchHeaders(['Name', 'Email', 'Phone'], undefined, { source: '/data/contacts.csv' }),
    );
    expect(error.code).toBe('missing-column');
    expect(error.message).toBe(
      "contacts.csv has no column for CoworkerContractId (the contract's Id, or a Customer column naming it). Its headers are: Name, Email, Phone. Rename a column or pass --mapping.",
    );
    const both = thrown(() => matchHeaders(['Email']));
    expect(both.code).toBe('missing-column');
    expect(both.message).toMatch(
      /^The file has no column for CoworkerContractId .* nor for FullName .*Its headers are: Email\./,
    );
  });

  it('does not require FullName with First/Last Name or CoworkerId columns', () => {
    expect(() => matchHeaders(['Contract', 'Last Name'])).not.toThrow();
    expect(() => matchHeaders(['Contract', 'Coworker'])).not.toThrow();
    expect(thrown(() => matchHeaders(['Contract', 'Email'])).message).toMatch(
      /no column for FullName/,
    );
  });

  it('refuses two columns for one field, naming both', () => {
    const error = thrown(() =>
      matchHeaders(['Contract', 'Name', 'Phone', 'Mobile'], undefined, { source: 'c.csv' }),
    );
    expect(error.code).toBe('duplicate-header');
    expect(error.message).toBe(
      'c.csv has two columns for PhoneNumber: "Phone" (column C) and "Mobile" (column D). Delete or rename one, or choose one with --mapping.',
    );
    expect(thrown(() => matchHeaders(['Contract', 'Name', 'Email', 'E-mail'])).code).toBe(
      'duplicate-header',
    );
  });

  it('recognises Row and Errors of a re-imported errors file', () => {
    const { columns, unmatched } = matchHeaders(['Row', 'Contract', 'Name', 'Errors']);
    expect(columns.rowColumn).toBe(0);
    expect(columns.errorsColumn).toBe(3);
    expect(columns.sourceColumns).toEqual([1, 2]);
    expect(leftOut(columns)).toEqual({ Row: 'report', Errors: 'report' });
    expect(unmatched).toEqual([]);
  });

  it('recognises Row alone and Result (created.csv) as ours too, but Row is a row number only beside Errors', () => {
    const alone = matchHeaders(['Row', 'Contract', 'Name']);
    expect(alone.columns.rowColumn).toBeUndefined();
    expect(alone.unmatched).toEqual([]);
    expect(leftOut(alone.columns)).toEqual({ Row: 'report' });
    expect(alone.columns.sourceColumns).toEqual([1, 2]);
    const created = matchHeaders(['Row', 'Contract', 'Name', 'Result']).columns;
    expect(created.rowColumn).toBeUndefined();
    expect(leftOut(created)).toEqual({ Row: 'report', Result: 'report' });
    expect(created.sourceColumns).toEqual([1, 2]);
    // the mapped Row in created.csv keeps its source row number
    const ctx: MapContext = { columns: created, dateOrders: {}, decimalComma: false, now: NOW };
    expect(mapRow({ row: 4, cells: ['9', '7101', 'Ann', 'created'] }, ctx).row).toBe(4);
    // named by --mapping or --ignore-column, a Row column is the user's own
    const mine = matchHeaders(['Row', 'Contract', 'Name', 'Errors'], { Row: 'Notes' }).columns;
    expect(mine.rowColumn).toBeUndefined();
    expect(mine.fields.Notes?.columns).toEqual([0]);
    expect(mine.sourceColumns).toEqual([0, 1, 2]);
  });

  it('re-imported rows keep their original numbers and lose the leading quote', () => {
    const { columns } = matchHeaders(['Row', 'Contract', 'Name', 'Notes', 'Phone', 'Errors']);
    const ctx: MapContext = { columns, dateOrders: {}, decimalComma: false, now: NOW };
    const mapped = mapRow(
      {
        row: 2,
        cells: ['17', '7101', "'=Ann", "'-not a number", '+44 20 7946 0958', 'FullName: …'],
      },
      ctx,
    );
    expect(mapped.row).toBe(17);
    expect(mapped.ok && mapped.payload).toEqual({
      CoworkerContractId: 7101,
      FullName: '=Ann',
      ContractContactType: 1,
      AmlCheckStatus: 0,
      PhoneNumber: '+44 20 7946 0958',
      Notes: '-not a number',
    });
    // Outside an errors file a leading quote is the user's text.
    const plain = matchHeaders(['Contract', 'Name']).columns;
    const own = mapRow({ row: 5, cells: ['7101', "'=Ann"] }, { ...ctx, columns: plain });
    expect(own.row).toBe(5);
    expect(own.ok && own.payload.FullName).toBe("'=Ann");
  });

  describe('--mapping', () => {
    it('overrides the built-in matching', () => {
      const { columns } = matchHeaders(['Contract', 'Ref', 'Who'], {
        Ref: 'CoworkerContractId',
        Who: 'FullName',
      });
      expect(columns.fields.CoworkerContractId?.columns).toEqual([1]);
      expect(columns.fields.FullName?.columns).toEqual([2]);
      expect(leftOut(columns)).toEqual({ Contract: 'taken' });
      expect(columns.uses.slice(1).map((u) => u.mapped)).toEqual([true, true]);
    });

    it('matches its headers ignoring case and spacing, and its fields by alias too', () => {
      const fields = fieldsOf(['Contract No', 'Prénom', 'Nom', 'Tél'], {
        'contract no': 'CoworkerContractId',
        Prénom: 'FirstName',
        Nom: 'last name',
        Tél: 'Phone',
      });
      expect(fields.CoworkerContractId?.columns).toEqual([0]);
      expect(fields.FullName).toEqual({ columns: [1, 2], joiner: ' ' });
      expect(fields.PhoneNumber?.columns).toEqual([3]);
    });

    it('maps names to First/Last Name over a built-in FullName column', () => {
      const { columns } = matchHeaders(['Contract', 'Name', 'Prénom', 'Nom'], {
        Prénom: 'FirstName',
        Nom: 'LastName',
      });
      expect(columns.fields.FullName?.columns).toEqual([2, 3]);
      expect(leftOut(columns)).toEqual({ Name: 'taken' });
    });

    it('leaves out a column mapped to ""', () => {
      const { columns, unmatched } = matchHeaders(['Contract', 'Name', 'Type', 'Shoe size'], {
        Type: '',
        'shoe size': '',
      });
      expect(columns.fields.ContractContactType).toBeUndefined();
      expect(leftOut(columns)).toEqual({ Type: 'mapping', 'Shoe size': 'mapping' });
      expect(unmatched).toEqual([]);
    });

    it('refuses an unknown field or header, and two columns for one field', () => {
      const field = thrown(() => matchHeaders(['Contract', 'Name'], { Name: 'Nickname' }));
      expect(field.code).toBe('bad-mapping');
      expect(field.message).toMatch(
        /^--mapping names the field "Nickname", which is not a Nexudus ContractContact field/,
      );
      const header = thrown(() =>
        matchHeaders(['Contract', 'Name'], { Naam: 'FullName' }, { source: 'x.xlsx' }),
      );
      expect(header.code).toBe('bad-mapping');
      expect(header.message).toBe(
        '--mapping names the column "Naam", which x.xlsx does not have. Its headers are: Contract, Name.',
      );
      const twice = thrown(() =>
        matchHeaders(['Contract', 'A', 'B'], { A: 'FullName', B: 'Full Name' }),
      );
      expect(twice.code).toBe('bad-mapping');
      expect(twice.message).toMatch(
        /^--mapping gives FullName two columns, "A" \(column B\) and "B" \(column C\)/,
      );
    });
  });
});

describe('loadMapping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'map-mapping-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a JSON object (a BOM too)', async () => {
    const path = file(
      'ok.json',
      '\uFEFF{"Contract No": "CoworkerContractId", "Who": "FullName", "Junk": ""}',
    );
    await expect(loadMapping(path)).resolves.toEqual({
      'Contract No': 'CoworkerContractId',
      Who: 'FullName',
      Junk: '',
    });
  });

  it('refuses what is not such an object', async () => {
    const bad = async (text: string) => {
      try {
        await loadMapping(file('bad.json', text));
      } catch (error) {
        return error as ImportError;
      }
      throw new Error('did not throw');
    };
    expect((await bad('{"a": ')).code).toBe('bad-mapping');
    expect((await bad('["a"]')).message).toMatch(/should hold one object/);
    expect((await bad('{"a": 1}')).message).toMatch(/gives "a" a number/);
    expect((await bad('{"a": "Shoe size"}')).message).toMatch(/names the field "Shoe size"/);
    await expect(loadMapping(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'file-not-found',
    });
  });
});
