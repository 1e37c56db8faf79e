import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import { mapRow, matchHeaders, settleUnmatched } from '../src/map/index.js';
import { closestSlots } from '../src/map/suggest.js';
import type { MapContext } from '../src/map/types.js';
import type { SourceRow } from '../src/read/types.js';
import { NOW } from './map.helpers.js';

/** Rows as the reader yields them, counting how many were pulled. */
function source(rows: readonly SourceRow[]) {
  const probe = { pulled: 0, closed: false };
  const read = async function* () {
    try {
      for (const row of rows) {
        probe.pulled += 1;
        yield row;
      }
    } finally {
      probe.closed = true;
    }
  };
  return { read, probe };
}

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('closestSlots: what a header matching no field was meant for', () => {
  it('goes by shared words, abbreviations and typos', () => {
    expect(closestSlots('Type of contact')).toEqual(['ContractContactType']);
    expect(closestSlots('Email addr')).toEqual(['Email']);
    expect(closestSlots('Emial')).toEqual(['Email']);
    expect(closestSlots('Adress')).toEqual(['Address']);
    expect(closestSlots('Tél')).toEqual(['PhoneNumber']);
    expect(closestSlots('Mobile phone')).toEqual(['PhoneNumber']);
    expect(closestSlots('Date')).toEqual(['DateOfBirth', 'AmlCheckDate']);
  });

  it('suggests nothing when nothing is close, or when too many fields are equally close', () => {
    expect(closestSlots('Nationality')).toEqual([]);
    expect(closestSlots('Shoe size')).toEqual([]);
    expect(closestSlots('Job title')).toEqual([]);
    expect(closestSlots('AML')).toEqual([]); // every Aml… field
  });

  it('leaves out fields another column gives already', () => {
    expect(closestSlots('Contact')).toEqual(['FullName', 'ContractContactType']);
    expect(closestSlots('Contact', new Set(['FullName']))).toEqual(['ContractContactType']);
  });
});

describe('settleUnmatched: a column matching no field stops the run if it holds anything', () => {
  const headers = ['Contract', 'Name', 'Type of contact', 'Shoe size'];
  const row = (n: number, type: string | null, shoe: string | null): SourceRow => ({
    row: n,
    cells: ['7101', `Person ${n}`, type, shoe],
  });

  it('reads only until each such column has shown a value, then names them all', async () => {
    const { read, probe } = source([
      row(2, 'Director', null),
      row(3, null, '  '),
      row(4, null, '42'),
      row(5, 'Director', '43'),
    ]);
    const error = await refusal(
      settleUnmatched(matchHeaders(headers), read, { source: '/data/contacts.csv' }),
    );
    expect(error.code).toBe('unmatched-column');
    expect(error.message).toBe(
      '2 columns of contacts.csv match no field: "Type of contact" (column C: did you mean ContractContactType?) and "Shoe size" (column D). Rename the headers, map them with --mapping, or leave a column out with --ignore-column, e.g. --ignore-column "Shoe size".',
    );
    expect(probe.pulled).toBe(3);
    expect(probe.closed).toBe(true);
  });

  it('names one column in the words of issue 11', async () => {
    const { read } = source([row(2, 'Director', null)]);
    const error = await refusal(settleUnmatched(matchHeaders(headers), read));
    expect(error.message).toBe(
      '"Type of contact" (column C) matches no field. Did you mean ContractContactType? Rename the header, map it with --mapping, or pass --ignore-column "Type of contact".',
    );
  });

  it('leaves out, as empty, the columns with nothing in them to the end of the file', async () => {
    const { read, probe } = source([row(2, null, null), row(3, ' ', null)]);
    const columns = await settleUnmatched(matchHeaders(headers), read);
    expect(probe.pulled).toBe(2);
    expect(columns.uses.slice(2).map((u) => u.leftOut)).toEqual(['empty', 'empty']);
  });

  it('does not read the file when every column matches a field or is left out on purpose', async () => {
    const { read, probe } = source([row(2, 'Director', '42')]);
    const match = matchHeaders(
      headers,
      { 'Type of contact': 'ContractContactType' },
      {
        ignore: ['SHOE SIZE'],
      },
    );
    expect(match.unmatched).toEqual([]);
    await settleUnmatched(match, read);
    expect(probe.pulled).toBe(0);
    expect(match.columns.uses.map((u) => u.leftOut)).toEqual([
      undefined,
      undefined,
      undefined,
      'ignore-column',
    ]);
  });

  it('--ignore-column names a header like --mapping does, and not one --mapping names', () => {
    expect(() => matchHeaders(headers, undefined, { ignore: ['Shoe', 'Shoe size'] })).toThrow(
      '--ignore-column names the column "Shoe", which The file does not have. Its headers are: Contract, Name, Type of contact, Shoe size.',
    );
    expect(() => matchHeaders(headers, { 'Shoe size': '' }, { ignore: ['shoe size'] })).toThrow(
      '--ignore-column and --mapping both name the column "Shoe size" (column D). Use one of them.',
    );
    const twice = matchHeaders(headers, undefined, { ignore: ['Shoe size', 'shoe_size'] });
    expect(twice.unmatched).toEqual([2]);
  });
});

describe('mapRow: values with no header above them', () => {
  const { columns } = matchHeaders(['Contract', 'Name', '', 'Type']);
  const ctx: MapContext = { columns, dateOrders: {}, decimalComma: false, now: NOW };

  it('fail the row, naming each cell by its reference, first among the problems', () => {
    const mapped = mapRow(
      {
        row: 7,
        cells: ['7101', '', 'x', 'Secretary'],
        extraCells: [
          { column: 5, value: 'SURPRISE' },
          { column: 6, value: 42 },
          { column: 27, value: '  many   words\nin a long note typed beside the table' },
        ],
      },
      ctx,
    );
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.problems[0]).toEqual({
      PropertyName: 'Row',
      Message:
        "cells C7 ('x'), F7 ('SURPRISE'), G7 ('42') and 1 more have no column header: give their columns a header, move the values into the right columns, or delete them",
      columns: [2],
    });
    expect(mapped.problems.map((p) => p.PropertyName)).toEqual([
      'Row',
      'ContractContactType',
      'FullName',
    ]);
  });

  it('pass a row whose cells under no header are empty', () => {
    const mapped = mapRow({ row: 3, cells: ['7101', 'Ann', '   ', 'Director'] }, ctx);
    expect(mapped.ok).toBe(true);
  });
});
