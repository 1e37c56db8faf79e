import { CUSTOMER_COLUMN, FIELDS, PLAN_COLUMN, type FieldDef } from '../fields.js';

const EITHER = 'Either CoworkerContractId, or Customer (+ Plan).';

/**
 * The template's Customer and Plan columns: not fields of the payload, they name the row's
 * contract by its customer instead of its Id (see docs/customer.md). Described as fields are, so the notes, prompts and Instructions read alike.
 */
const CUSTOMER: FieldDef = {
  name: CUSTOMER_COLUMN,
  kind: 'text',
  required: false,
  description: `${EITHER} The customer whose contract this contact belongs to: their email, full name, company name or billing name as Nexudus holds them (case, accents and spacing do not matter).`,
  example: 'olivia.bennett@example.com',
  aliases: [],
};

const PLAN: FieldDef = {
  name: PLAN_COLUMN,
  kind: 'text',
  required: false,
  description: `${EITHER} Only when the customer has several active contracts: the plan (tariff) of the one this contact belongs to.`,
  example: 'Virtual Office',
  aliases: [],
};

/**
 * The template's columns, in order: CoworkerContractId, then Customer and Plan beside it, then
 * the other fields. CoworkerContractId does not look required: a Customer may name the contract.
 */
export const TEMPLATE_COLUMNS: readonly FieldDef[] = FIELDS.flatMap((def): FieldDef[] =>
  def.name === 'CoworkerContractId'
    ? [
        {
          ...def,
          required: false,
          description: `${EITHER} ${def.description} Find it in Nexudus on the contract's page (its address ends with the Id), or leave it blank and name the customer.`,
        },
        CUSTOMER,
        PLAN,
      ]
    : [def],
);

export const TEMPLATE_HEADERS: readonly string[] = TEMPLATE_COLUMNS.map((c) => c.name);
