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
  const batches: number[][] = [];
  for (let i = 0; i < all.length; i += ID_BATCH) batches.push(all.slice(i, i + ID_BATCH));
  const found = new Map<number, T>();
  // All batches at once: the run's pacer keeps them to the request pace and the concurrency.
  const replies = await Promise.all(
    batches.map((batch) =>
      client.get(path, pageReply, { id: `[${batch.join(',')}]`, page: 1, size: batch.length }),
    ),
  );
  for (const [i, reply] of replies.entries()) {
    const batch = new Set(batches[i]);
    for (const record of reply.Records) {
      const parsed = schema.safeParse(record);
      if (parsed.success && batch.has(parsed.data.Id)) found.set(parsed.data.Id, parsed.data);
    }
  }
  return found;
}
