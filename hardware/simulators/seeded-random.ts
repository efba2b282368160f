/**
 * A small seeded random source for the document camera simulator: every frame, page and
 * sample set is a pure function of its seed, so a bench run, a test and a bug report all
 * see the same pixels. mulberry32 (the same generator the barcode scanner simulator keeps
 * privately) is fast and good enough for placement, jitter and sensor noise.
 */

/** Draws from one seeded stream; every helper consumes exactly one `next()`. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** −1 or +1 with equal probability. */
  sign(): -1 | 1;
}

/** mulberry32 as a bare function: uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A {@link SeededRandom} over mulberry32 (`seed` is taken as an unsigned 32-bit integer).
 */
export function seededRandom(seed: number): SeededRandom {
  const next = mulberry32(seed);
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(items.length * next())]!;
    },
    chance: (p) => next() < p,
    sign: () => (next() < 0.5 ? -1 : 1),
  };
}

/**
 * A seed for one independent stream of `seed`, e.g. `deriveSeed(seed, 'glare')`, so
 * adding a draw to one stream does not shift every other one (FNV-1a of the salt, mixed).
 */
export function deriveSeed(seed: number, salt: string | number): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  const text = String(salt);
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}
