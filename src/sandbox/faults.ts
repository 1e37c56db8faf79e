import type { FaultKind, FaultOptions } from './options.js';

/**
 * mulberry32: a tiny seeded PRNG returning floats in [0, 1). Good enough to spread faults, and
 * the same in every Node version, which `Math.random` cannot promise.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Decides, request by request, whether to inject a fault. Draws happen only for eligible requests
 * and in arrival order, so the same seed and the same request sequence give the same faults,
 * whatever the timing.
 */
export class FaultPlan {
  private readonly random: () => number;

  constructor(private readonly options: Required<FaultOptions>) {
    this.random = mulberry32(options.seed);
  }

  /** The fault for this request, or undefined. `isWrite` excludes the token endpoint. */
  next(isWrite: boolean): FaultKind | undefined {
    if (this.options.on === 'writes' && !isWrite) return undefined;
    if (this.random() >= this.options.rate) return undefined;
    const { kinds } = this.options;
    return kinds[Math.floor(this.random() * kinds.length)];
  }

  get slowMs(): number {
    return this.options.slowMs;
  }
}
