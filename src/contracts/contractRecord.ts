import { z } from 'zod';

/**
 * A coworker contract as `GET /api/billing/coworkercontracts` shows it, the fields the tool reads:
 * whose it is (the customer's name, company, billing name and email), its plan, and whether it
 * is running. Names the account left blank come back as null.
 */
export const contractRecord = z
  .object({
    Id: z.number().int(),
    CoworkerId: z.number().int().nullish(),
    CoworkerFullName: z.string().nullish(),
    CoworkerEmail: z.string().nullish(),
    CoworkerCompanyName: z.string().nullish(),
    CoworkerBillingName: z.string().nullish(),
    TariffName: z.string().nullish(),
    Active: z.boolean().nullish(),
    Cancelled: z.boolean().nullish(),
    StartDate: z.string().nullish(),
  })
  .loose();

export type ContractRecord = z.infer<typeof contractRecord>;

/** Running: active and not cancelled (SPEC "Finding the contract" matches among these). */
export function isRunning(contract: ContractRecord): boolean {
  return contract.Active === true && contract.Cancelled !== true;
}
