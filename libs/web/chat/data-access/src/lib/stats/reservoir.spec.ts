import { Reservoir } from './reservoir';

/** A small seeded generator (mulberry32), so the statistics below are reproducible. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Reservoir', () => {
  it('keeps everything while there are no more items than its capacity', () => {
    const reservoir = new Reservoir<number>(5);
    [1, 2, 3].forEach((value) => reservoir.offer(value));
    expect(reservoir.drain()).toEqual([1, 2, 3]);
  });

  it('never holds more than its capacity and counts what it saw', () => {
    const reservoir = new Reservoir<number>(200, seeded(1));
    for (let index = 0; index < 1_000; index++) reservoir.offer(index);
    expect(reservoir.size).toBe(200);
    expect(reservoir.seen).toBe(1_000);
    expect(new Set(reservoir.drain()).size).toBe(200);
  });

  it('draining empties it and starts a new count', () => {
    const reservoir = new Reservoir<number>(2, seeded(2));
    [1, 2, 3, 4].forEach((value) => reservoir.offer(value));
    reservoir.drain();
    expect(reservoir.seen).toBe(0);
    reservoir.offer(9);
    expect(reservoir.drain()).toEqual([9]);
  });

  it('samples uniformly: early and late items are kept equally often', () => {
    // 2,000 runs of 1,000 items into 100 slots: each item is kept about 200 times. Keeping only the
    // first or the last items (the usual mistakes) puts everything in one tenth.
    const keptPerTenth = new Array<number>(10).fill(0);
    const random = seeded(42);
    for (let run = 0; run < 2_000; run++) {
      const reservoir = new Reservoir<number>(100, random);
      for (let index = 0; index < 1_000; index++) reservoir.offer(index);
      for (const kept of reservoir.drain()) keptPerTenth[Math.floor(kept / 100)]++;
    }
    // Each tenth expects 20,000 of the 200,000 kept items; the spread is about 134.
    for (const count of keptPerTenth) expect(Math.abs(count - 20_000)).toBeLessThan(700);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Reservoir(0)).toThrow(RangeError);
    expect(() => new Reservoir(1.5)).toThrow(RangeError);
  });
});
