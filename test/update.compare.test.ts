import { describe, expect, it } from 'vitest';
import type { FieldName } from '../src/fields.js';
import type { Payload } from '../src/payload.js';
import { fieldChanges } from '../src/preflight/fieldChanges.js';
import { Fingerprints } from '../src/preflight/fingerprints.js';
import { shownValue } from '../src/report/changesFile.js';
import { updateBody } from '../src/engine/operations/update.js';

const record = {
  Id: 5,
  CoworkerContractId: 7101,
  FullName: 'Amélie  Durand',
  ContractContactType: 1,
  AmlCheckStatus: 2,
  Email: 'Amelie@Example.com',
  DateOfBirth: '1980-12-31T00:00:00Z',
  CountryId: 1276,
  PhoneNumber: '+44 20 7946 0958',
  AmlOpenSanctionsResponse: '{"a": 1}',
  Notes: 'kept',
  CreatedOn: '2024-01-01T00:00:00Z',
  UniqueId: 'x',
};
const base: Payload = {
  CoworkerContractId: 7101,
  FullName: 'Amélie Durand',
  ContractContactType: 1,
  AmlCheckStatus: 2,
  Email: 'amelie@example.com',
  DateOfBirth: '1980-12-31T00:00:00',
  CountryId: 1276,
  PhoneNumber: '+44 20 7946 0958',
  AmlOpenSanctionsResponse: '{"a":1}',
};
const compared = new Set<FieldName>([
  'CoworkerContractId',
  'FullName',
  'ContractContactType',
  'AmlCheckStatus',
  'Email',
  'DateOfBirth',
  'CountryId',
  'PhoneNumber',
  'AmlOpenSanctionsResponse',
  'CityName',
]);

/** Each case: the payload's changes over `base`, blanks, and the fields that then change. */
const cases: [string, Partial<Payload>, FieldName[], boolean, FieldName[]][] = [
  [
    'the same values as Nexudus holds them (spacing, case, offset, JSON spacing)',
    {},
    [],
    false,
    [],
  ],
  ['a new date', { DateOfBirth: '1981-01-01T00:00:00' }, [], false, ['DateOfBirth']],
  ['another type', { ContractContactType: 3 }, [], false, ['ContractContactType']],
  ['another country', { CountryId: 1826 }, [], false, ['CountryId']],
  ['a phone kept as written', { PhoneNumber: '+442079460958' }, [], false, ['PhoneNumber']],
  ['a city the record lacks', { CityName: 'York' }, [], false, ['CityName']],
  ['a blank email: left as it is', {}, ['Email'], false, []],
  ['a blank email with --clear-blank: cleared', {}, ['Email'], true, ['Email']],
  ['a blank AML status with --clear-blank: required, left', {}, ['AmlCheckStatus'], true, []],
  ['a blank city the record lacks, --clear-blank: nothing', {}, ['CityName'], true, []],
];

describe('comparing a row with its contact', () => {
  it.each(cases)('%s', (_what, change, blanks, clearBlank, fields) => {
    const payload = { ...base, ...change } as Payload;
    const rules = { blanks, clearBlank };
    const changes = fieldChanges(payload, record, rules);
    expect(changes.map((c) => c.field)).toEqual(fields);
    // the fingerprints kept by preflight say the same: differ exactly when a field changes
    const prints = new Fingerprints(compared);
    const slot = prints.add(record);
    expect(prints.differs(slot, payload, rules)).toBe(fields.length > 0);
  });

  it('the PUT body is the record as read (writable fields only) with the changes applied', () => {
    const payload = { ...base, CityName: 'York' } as Payload;
    const changes = fieldChanges(payload, record, { blanks: ['Email'], clearBlank: true });
    expect(updateBody(record, changes)).toEqual({
      Id: 5,
      CoworkerContractId: 7101,
      FullName: 'Amélie  Durand',
      ContractContactType: 1,
      AmlCheckStatus: 2,
      Email: null,
      DateOfBirth: '1980-12-31T00:00:00',
      CountryId: 1276,
      PhoneNumber: '+44 20 7946 0958',
      AmlOpenSanctionsResponse: '{"a": 1}',
      Notes: 'kept',
      CityName: 'York',
    });
  });

  it('changes.csv shows values as a person types them', () => {
    const countries = new Map([[1276, 'Germany']]);
    expect(shownValue('DateOfBirth', '1980-12-31T00:00:00Z', countries)).toBe('1980-12-31');
    expect(shownValue('AmlClearedOn', '2025-03-01T14:30:00', countries)).toBe('2025-03-01 14:30');
    expect(shownValue('AmlClearedOn', '2025-03-01T14:30:09Z', countries)).toBe(
      '2025-03-01 14:30:09',
    );
    expect(shownValue('ContractContactType', 3, countries)).toBe('Nominated recipient');
    expect(shownValue('CountryId', 1276, countries)).toBe('Germany');
    expect(shownValue('Email', null, countries)).toBe('');
  });
});
