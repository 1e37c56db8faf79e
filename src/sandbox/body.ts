import type { IncomingMessage } from 'node:http';

/** Larger bodies are refused with 413: no contact comes near it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The whole request body, or `'too-large'` (read to the end and dropped, so the connection stays
 * usable). Rejects when the client goes away before the body is complete.
 */
export function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => {
      ended = true;
      resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks));
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!ended) reject(new Error('the client closed the connection before sending its body'));
    });
  });
}
