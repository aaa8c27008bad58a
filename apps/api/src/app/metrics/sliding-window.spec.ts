import { SlidingWindow } from './sliding-window';

describe('SlidingWindow', () => {
  let now = 0;
  const window = () =>
    new SlidingWindow<{ n: number }>(
      5,
      () => ({ n: 0 }),
      (value) => (value.n = 0),
      () => now,
    );

  it('keeps one slot per second and recycles a slot when its second comes round again', () => {
    now = 10_000;
    const counts = window();
    counts.current().n += 1;
    now = 11_500;
    counts.current().n += 2;
    expect(counts.last().map((slot) => slot.n)).toEqual([1, 2]);
    now = 15_000; // second 15 reuses the slot of second 10
    counts.current().n += 5;
    expect(counts.last().map((slot) => slot.n)).toEqual([2, 5]);
    expect(counts.merged((into, from) => (into.n += from.n)).n).toBe(7);
  });

  it('leaves out the current second when asked for complete seconds only, even when it saw nothing', () => {
    now = 20_000;
    const counts = window();
    counts.current().n += 3;
    now = 21_200;
    expect(counts.last(5, true).map((slot) => slot.n)).toEqual([3]);
    counts.current().n += 4;
    expect(counts.last(5, true).map((slot) => slot.n)).toEqual([3]);
    expect(counts.last(1).map((slot) => slot.n)).toEqual([4]);
    now = 40_000;
    expect(counts.last()).toEqual([]);
  });
});
