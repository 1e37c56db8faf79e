import { describe, expect, it } from 'vitest';
import { FIELDS } from '../src/fields.js';
import { payloadSchema } from '../src/payload.js';

describe('field definitions', () => {
  it('are the 22 fields of the seed, the same as the payload schema', () => {
    expect(FIELDS).toHaveLength(22);
    expect(FIELDS.map((f) => f.name).sort()).toEqual(Object.keys(payloadSchema.shape).sort());
  });

  it('require exactly the seed four, with defaults for the two enums', () => {
    const required = FIELDS.filter((f) => f.required).map((f) => f.name);
    expect(required).toEqual([
      'CoworkerContractId',
      'FullName',
      'ContractContactType',
      'AmlCheckStatus',
    ]);
    const defaults = Object.fromEntries(
      FIELDS.filter((f) => 'default' in f).map((f) => [f.name, 'default' in f ? f.default : null]),
    );
    expect(defaults).toEqual({ ContractContactType: 1, AmlCheckStatus: 0 });
  });

  it('give every enum value a distinct number, name and label', () => {
    for (const f of FIELDS) {
      if (!('values' in f)) continue;
      const values = f.values;
      expect(new Set(values.map((v) => v.value)).size).toBe(values.length);
      expect(values.map((v) => v.value)).toEqual(values.map((_, i) => i));
    }
  });
});
