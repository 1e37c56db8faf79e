import { describe, expect, it } from 'vitest';
import {
  createDateSurvey,
  mapInOrder,
  matchHeaders,
  type MapPassResult,
} from '../src/map/index.js';
import type { MappedRow } from '../src/map/types.js';
import type { SourceRow } from '../src/read/types.js';

const { columns } = matchHeaders(['CoworkerContractId', 'FullName', 'DateOfBirth']);
const base = { columns, decimalComma: false, now: new Date('2026-11-30T00:00:00Z') };

async function* rowsOf(dates: string[]): AsyncGenerator<SourceRow> {
  for (const [i, date] of dates.entries()) yield { row: i + 2, cells: ['7101', `P ${i}`, date] };
}

async function run(dates: string[]) {
  const pass = mapInOrder(rowsOf(dates), base, { survey: createDateSurvey(columns) });
  const out: MappedRow[] = [];
  for (;;) {
    const next = await pass.next();
    if (next.done) return { out, result: next.value as MapPassResult };
    out.push(next.value.mapped);
  }
}

const birth = (m: MappedRow) => (m.ok ? m.payload.DateOfBirth : m.problems[0]?.Message);

describe('mapInOrder', () => {
  it('holds rows back until their column settles, then reads them in that order, in file order', async () => {
    const { out, result } = await run(['05/06/1975', '2001-01-01', '23/06/1975', '07/08/1990']);
    expect(out.map((m) => m.row)).toEqual([2, 3, 4, 5]);
    expect(out.map(birth)).toEqual([
      '1975-06-05T00:00:00',
      '2001-01-01T00:00:00',
      '1975-06-23T00:00:00',
      '1990-08-07T00:00:00',
    ]);
    expect(result).toMatchObject({ confirmed: true, orders: { DateOfBirth: 'DMY' } });
  });

  it('leaves a column that never settles ambiguous, confirmed', async () => {
    const { out, result } = await run(['05/06/1975', '03/04/1960']);
    expect(out.map(birth)).toEqual([
      'is ambiguous (05/06/1975): pass --date-format DMY or MDY',
      'is ambiguous (03/04/1960): pass --date-format DMY or MDY',
    ]);
    expect(result.confirmed).toBe(true);
  });

  it('says so when the evidence turns later in the file, with the final order', async () => {
    const { result } = await run(['13/01/1980', '02/03/1981', '01/13/1980', '01/14/1980']);
    expect(result).toMatchObject({ confirmed: false, orders: { DateOfBirth: 'MDY' } });
  });

  it('reads once with the given orders', async () => {
    const pass = mapInOrder(rowsOf(['05/06/1975']), base, { orders: { DateOfBirth: 'MDY' } });
    const first = await pass.next();
    expect(first.done ? undefined : birth(first.value.mapped)).toBe('1975-05-06T00:00:00');
    expect((await pass.next()).value).toMatchObject({ confirmed: true });
  });
});
