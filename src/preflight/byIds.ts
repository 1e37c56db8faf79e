import type { z } from 'zod';
import type { NexudusClient } from '../nexudus/client.js';
import { pageReply } from '../nexudus/replies.js';

/** Nexudus takes several ids in one call as `?id=[1,2,3]`; 100 a call keeps URLs short. */
export const ID_BATCH = 100;

/** The records of these ids that exist, by id; ids that do not exist are simply absent. */
export async function fetchByIds<T extends { Id: number }>(
  client: NexudusClient,
  path: string,
  ids: Iterable<number>,
  schema: z.ZodType<T>,
): Promise<Map<number, T>> {
  const all = [...new Set(ids)].sort((a, b) => a - b);
  const found = new Map<number, T>();
  for (let i = 0; i < all.length; i += ID_BATCH) {
    const batch = all.slice(i, i + ID_BATCH);
    const reply = await client.get(path, pageReply, {
      id: `[${batch.join(',')}]`,
      page: 1,
      size: batch.length,
    });
    for (const record of reply.Records) {
      const parsed = schema.safeParse(record);
      if (parsed.success && batch.includes(parsed.data.Id)) found.set(parsed.data.Id, parsed.data);
    }
  }
  return found;
}
