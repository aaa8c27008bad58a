import { HeightIndex } from './height-index';

describe('HeightIndex', () => {
  it('places items by estimate until they are measured', () => {
    const index = new HeightIndex(50);
    index.setKeys(['a', 'b', 'c', 'd']);
    expect(index.totalHeight).toBe(200);
    expect(index.offsetOf(2)).toBe(100);
    index.measure([
      ['a', 20],
      ['b', 80],
    ]);
    // The estimate becomes the mean of the measured heights (50), for c and d.
    expect([0, 1, 2, 3, 4].map((i) => index.offsetOf(i))).toEqual([0, 20, 100, 150, 200]);
    expect(index.measure([['a', 20]])).toBe(false);
  });

  it('keeps measurements by key when older items are prepended', () => {
    const index = new HeightIndex(40);
    index.setKeys(['m3', 'm4']);
    index.measure([
      ['m3', 100],
      ['m4', 10],
    ]);
    index.setKeys(['m1', 'm2', 'm3', 'm4']);
    expect(index.heightOf(2)).toBe(100);
    expect(index.heightOf(3)).toBe(10);
    expect(index.indexOf('m3')).toBe(2);
  });

  it('finds the item at an offset and the range to render around a viewport', () => {
    const index = new HeightIndex(10);
    index.setKeys(Array.from({ length: 100 }, (_, i) => `k${i}`));
    expect(index.indexAt(0)).toBe(0);
    expect(index.indexAt(15)).toBe(1);
    expect(index.indexAt(5_000)).toBe(99);
    expect(index.rangeFor(200, 100, 50)).toEqual({ start: 15, end: 36 });
    expect(index.rangeFor(0, 100, 0)).toEqual({ start: 0, end: 11 });
    expect(new HeightIndex().rangeFor(0, 100, 0)).toEqual({ start: 0, end: 0 });
  });
});
