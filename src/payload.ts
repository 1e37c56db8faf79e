import { z } from 'zod';

/**
 * The body of `POST /api/billing/contractcontacts`: only the seed's fields, never an empty
 * string (an empty value is left out). Dates are `YYYY-MM-DDTHH:mm:ss` without an offset.
 */
const text = z.string().min(1);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

export const payloadSchema = z
  .object({
    CoworkerContractId: z.number().int(),
    FullName: text,
    ContractContactType: z.number().int().min(0).max(3),
    AmlCheckStatus: z.number().int().min(0).max(6),
    CoworkerId: z.number().int().optional(),
    Email: text.optional(),
    DateOfBirth: date.optional(),
    Address: text.optional(),
    PostCode: text.optional(),
    CityName: text.optional(),
    State: text.optional(),
    CountryId: z.number().int().optional(),
    PhoneNumber: text.optional(),
    Notes: text.optional(),
    AmlCheckDate: date.optional(),
    AmlOpenSanctionsScore: z.number().optional(),
    AmlOpenSanctionsResponse: text.optional(),
    AmlPappersResponse: text.optional(),
    AmlPappersStatus: text.optional(),
    AmlNotes: text.optional(),
    AmlClearedBy: text.optional(),
    AmlClearedOn: date.optional(),
  })
  .strict();

export type Payload = z.infer<typeof payloadSchema>;
