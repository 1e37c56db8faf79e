import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name (SHA-1, shaped like a version-5 UUID), so the sandbox's `UniqueId`s
 * are the same on every run and every machine.
 */
export function stableUuid(name: string): string {
  const hex = createHash('sha1').update(`nexudus-sandbox:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** A timestamp as Nexudus writes them in replies: `2025-01-15T10:30:00Z` (no milliseconds). */
export function nexudusTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
