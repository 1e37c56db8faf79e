/**
 * The mapper: from whatever headers and values people type to exact ContractContact payloads.
 * The command wires it: matchHeaders → settleUnmatched (a column matching no field stops the
 * run if it holds anything) → a first pass feeding createDateSurvey → orders() → mapRow on every
 * row of a second pass.
 */
export { matchHeaders, type HeaderMatch, type MatchOptions } from './headers.js';
export { settleUnmatched, type SettleOptions } from './unmatched.js';
export { columnLetter, fieldOfSlot, type Slot } from './slots.js';
export { loadMapping } from './mapping.js';
export { createDateSurvey, type DateSurvey } from './dateSurvey.js';
export { mapRow } from './row.js';
export {
  mapInOrder,
  type BaseContext,
  type DateOrders,
  type MapPassResult,
  type OrderPlan,
} from './mapInOrder.js';
export { resolveCountry, type CountryResult } from './countries.js';
export type * from './types.js';
