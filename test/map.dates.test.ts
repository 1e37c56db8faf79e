import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDateSurvey, mapRow, matchHeaders } from '../src/map/index.js';
import { formatWallClock, parseDate } from '../src/map/dates.js';
import { Invalid } from '../src/map/cells.js';
import type { DateOrder, MapContext } from '../src/map/types.js';
import type { SourceRow } from '../src/read/types.js';
import { NOW } from './map.helpers.js';

const HEADERS = ['Contract', 'Name', 'DOB', 'AML Check Date'];
const { columns } = matchHeaders(HEADERS);
const rows = (dobs: readonly string[], checks: readonly string[] = []): SourceRow[] =>
  dobs.map((dob, i) => ({ row: i + 2, cells: ['7101', 'Ann Lee', dob, checks[i] ?? null] }));

/** Both passes, as the import command runs them. */
function run(source: readonly SourceRow[], forced?: DateOrder) {
  const survey = createDateSurvey(columns);
  for (const row of source) survey.add(row);
  const ctx: MapContext = {
    columns,
    dateOrders: survey.orders(forced),
    decimalComma: false,
    now: NOW,
  };
  return {
    orders: ctx.dateOrders,
    results: source.map((row) => {
      const mapped = mapRow(row, ctx);
      return mapped.ok
        ? mapped.payload.DateOfBirth
        : mapped.problems.map((p) => p.Message).join('; ');
    }),
  };
}

describe('date survey: day-month order per column', () => {
  it('does not guess when nothing settles the order', () => {
    const { orders, results } = run(rows(['05/06/1975', '05/06/1975', '01/02/1990']));
    expect(orders).toEqual({});
    expect(results).toEqual([
      'is ambiguous (05/06/1975): pass --date-format DMY or MDY',
      'is ambiguous (05/06/1975): pass --date-format DMY or MDY',
      'is ambiguous (01/02/1990): pass --date-format DMY or MDY',
    ]);
  });

  it('reads the whole column day first once one value shows it', () => {
    const { orders, results } = run(rows(['05/06/1975', '31/12/1980', '01/02/1990']));
    expect(orders).toEqual({ DateOfBirth: 'DMY' });
    expect(results).toEqual(['1975-06-05T00:00:00', '1980-12-31T00:00:00', '1990-02-01T00:00:00']);
  });

  it('reads month first once a second number above 12 shows it', () => {
    const { orders, results } = run(rows(['05/06/1975', '12/31/1980']));
    expect(orders).toEqual({ DateOfBirth: 'MDY' });
    expect(results).toEqual(['1975-05-06T00:00:00', '1980-12-31T00:00:00']);
  });

  it('follows --date-format over the evidence', () => {
    const { orders, results } = run(rows(['05/06/1975', '31/12/1980']), 'MDY');
    expect(orders).toEqual({ DateOfBirth: 'MDY', AmlCheckDate: 'MDY' });
    expect(results).toEqual([
      '1975-05-06T00:00:00',
      'is not a date in month/day/year order, the order of this column (31/12/1980)',
    ]);
  });

  it('lets the majority win and fails values impossible in its order', () => {
    const { orders, results } = run(rows(['31/12/1980', '13/01/1985', '12/31/1980', '05/06/1975']));
    expect(orders).toEqual({ DateOfBirth: 'DMY' });
    expect(results).toEqual([
      '1980-12-31T00:00:00',
      '1985-01-13T00:00:00',
      'is not a date in day/month/year order, the order of this column (12/31/1980)',
      '1975-06-05T00:00:00',
    ]);
  });

  it('settles nothing on a tie: only values that show their own order are read', () => {
    const { orders, results } = run(rows(['31/12/1980', '12/31/1980', '05/06/1975', '07/07/1977']));
    expect(orders).toEqual({});
    expect(results).toEqual([
      '1980-12-31T00:00:00',
      '1980-12-31T00:00:00',
      'is ambiguous (05/06/1975): pass --date-format DMY or MDY',
      '1977-07-07T00:00:00',
    ]);
  });

  it('settles each column on its own evidence', () => {
    const survey = createDateSurvey(columns);
    for (const row of rows(['31/12/1980', '1975-06-23'], ['12/31/2025', '01/02/2025']))
      survey.add(row);
    expect(survey.orders()).toEqual({ DateOfBirth: 'DMY', AmlCheckDate: 'MDY' });
    expect(survey.orders('YMD')).toEqual({ DateOfBirth: 'YMD', AmlCheckDate: 'YMD' });
  });

  it('takes no evidence from ISO values, month names or date cells', () => {
    const survey = createDateSurvey(columns);
    const cells = ['1975-06-23', '23 Jun 1975', 'June 23, 1975'];
    for (const dob of cells)
      survey.add({ row: 2, cells: ['1', 'A', dob, new Date(Date.UTC(1980, 11, 31))] });
    expect(survey.orders()).toEqual({});
  });
});

describe('parseDate', () => {
  const parsed = (text: string, order?: DateOrder) => {
    const result = parseDate(text, order);
    return result instanceof Invalid ? result.message : result && formatWallClock(result);
  };

  it('reads ISO, numeric and month-name forms', () => {
    expect(parsed('1975-06-23')).toBe('1975-06-23T00:00:00');
    expect(parsed('1975/06/23')).toBe('1975-06-23T00:00:00');
    expect(parsed('1975-6-3 7:05')).toBe('1975-06-03T07:05:00');
    expect(parsed('Monday, June 23, 1975')).toBe('1975-06-23T00:00:00');
    expect(parsed('Sept 3 1975')).toBe('1975-09-03T00:00:00');
    expect(parsed('3 sep. 1975')).toBe('1975-09-03T00:00:00');
    expect(parsed('23/06/1975 14:30:59', 'DMY')).toBe('1975-06-23T14:30:59');
    expect(parsed('23 Jun 75')).toMatch(/^has a 2-digit year/);
    expect(parsed('31 Jun 1975')).toBe('is not a real date (31 Jun 1975)');
    expect(parsed('23 Juin 1975')).toMatch(/^is not a date/);
    expect(parsed('23/06-1975', 'DMY')).toMatch(/^is not a date/);
    expect(parsed('')).toBeUndefined();
  });

  it('reads a date cell by its UTC fields (the wall clock the sheet shows)', () => {
    expect(parsed(new Date(Date.UTC(2025, 0, 15, 10, 30, 5)) as unknown as string)).toBe(
      '2025-01-15T10:30:05',
    );
  });

  // Dates from 1900 to 2099, as a person would type them; seconds only where a format shows them.
  const dates = fc
    .record({
      year: fc.integer({ min: 1900, max: 2099 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    })
    .map((p) => ({ ...p, day: Math.min(p.day, new Date(p.year, p.month, 0).getDate()) }));

  const FORMATS: readonly [string, DateOrder | undefined, 'date' | 'minute' | 'second'][] = [
    ['yyyy-MM-dd', undefined, 'date'],
    ['yyyy-MM-dd HH:mm', undefined, 'minute'],
    ["yyyy-MM-dd'T'HH:mm:ss", undefined, 'second'],
    ['dd/MM/yyyy', 'DMY', 'date'],
    ['d-M-yyyy', 'DMY', 'date'],
    ['dd.MM.yyyy', 'DMY', 'date'],
    ['dd/MM/yyyy HH:mm', 'DMY', 'minute'],
    ['MM/dd/yyyy', 'MDY', 'date'],
    ['M-d-yyyy', 'MDY', 'date'],
    ['MM.dd.yyyy', 'MDY', 'date'],
    ['M/d/yyyy h:mm a', 'MDY', 'minute'],
    ['d MMM yyyy', undefined, 'date'],
    ['d MMMM yyyy', undefined, 'date'],
    ['dd-MMM-yyyy', undefined, 'date'],
    ['MMMM d, yyyy', undefined, 'date'],
    ['MMM d yyyy', undefined, 'date'],
  ];

  it.each(FORMATS)('format %s then parse gives the same date', (pattern, order, precision) => {
    fc.assert(
      fc.property(dates, (p) => {
        const local = new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
        // A local time skipped by a daylight-saving change is not a time anyone typed.
        fc.pre(local.getHours() === p.hour && local.getDate() === p.day);
        const expected = format(
          local,
          {
            date: "yyyy-MM-dd'T'00:00:00",
            minute: "yyyy-MM-dd'T'HH:mm:00",
            second: "yyyy-MM-dd'T'HH:mm:ss",
          }[precision],
        );
        expect(parsed(format(local, pattern), order)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the plain ISO fast paths (values.ts, enums.ts)', () => {
  // A cell with a space in front takes the general path (the fast ones take exact text only):
  // both must give the same payload or the same problem, whatever the date or label.
  const mapped = (dob: string, type: string) => {
    const ctx: MapContext = { columns, dateOrders: {}, decimalComma: false, now: NOW };
    const result = mapRow({ row: 2, cells: ['7101', 'Ann Lee', dob, null] }, ctx);
    const typed = mapRow(
      { row: 2, cells: ['7101', 'Ann Lee', null, null, type] },
      { ...ctx, columns: matchHeaders([...HEADERS, 'Type']).columns },
    );
    return [result, typed].map((r) => (r.ok ? r.payload : r.problems.map((p) => p.Message)));
  };

  it('reads YYYY-MM-DD exactly as the general date reader does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(mapped(text, '')[0]).toEqual(mapped(` ${text}`, '')[0]);
        },
      ),
      { numRuns: 2000 },
    );
    // the edges: a leap day, a day that never was, before 1900, in the future
    for (const text of [
      '2024-02-29',
      '2023-02-29',
      '1900-02-29',
      '2000-02-29',
      '1899-12-31',
      '2999-01-01',
    ]) {
      expect(mapped(text, '')[0]).toEqual(mapped(` ${text}`, '')[0]);
    }
  });

  it('reads contact types written as labels, names or numbers as the general reader does', () => {
    for (const type of [
      'Director',
      'director',
      'Company alias',
      'CompanyAlias',
      'company alias',
      '3',
      'Nominated recipient',
      'nope',
    ]) {
      expect(mapped('', type)[1]).toEqual(mapped('', ` ${type}`)[1]);
    }
  });
});
