import { z } from 'zod';

/** `POST /api/token`. */
export const tokenReply = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
});

/** A page of any list (`GET /api/<area>/<entities>?page=&size=`). */
export const pageReply = z.object({
  Records: z.array(z.unknown()),
  HasNextPage: z.boolean(),
});

/** A page of a list with the list's size, as Nexudus counts it (`TotalItems`). */
export const countedPageReply = pageReply.extend({ TotalItems: z.number().int().nullish() });

const replyError = z.object({
  PropertyName: z.string().nullish(),
  Message: z.string().nullish(),
});

/**
 * The envelope of a write (the seed's 200 and 400 shapes). Older docs show `"Status": 500`
 * inside a 400 body, so the HTTP status and `WasSuccessful` decide, never `Status`.
 */
export const writeReply = z.object({
  WasSuccessful: z.boolean(),
  Message: z.string().nullish(),
  Value: z.object({ Id: z.number().int() }).nullish(),
  Errors: z.array(replyError).nullish(),
});

export const countryRecord = z.object({
  Id: z.number().int(),
  Name: z.string(),
  TwoDigitsCode: z.string().nullish(),
});

export const idRecord = z.object({ Id: z.number().int() }).loose();

export const coworkerRecord = z
  .object({ Id: z.number().int(), FullName: z.string().nullish(), Email: z.string().nullish() })
  .loose();

export const contactRecord = z
  .object({
    Id: z.number().int(),
    CoworkerContractId: z.number().int().nullish(),
    FullName: z.string().nullish(),
    ContractContactType: z.number().int().nullish(),
  })
  .loose();

export type ContactRecord = z.infer<typeof contactRecord>;
export type CoworkerRecord = z.infer<typeof coworkerRecord>;
