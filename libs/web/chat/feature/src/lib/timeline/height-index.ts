/** A contiguous range of item indexes, end exclusive. */
export interface IndexRange {
  start: number;
  end: number;
}

/**
 * Positions of variable-height items (chat messages) keyed by a stable id: measured heights where
 * known, an estimate elsewhere, offsets by prefix sums. Keys (not indexes) carry the measurements,
 * so prepending older messages keeps every height it knew.
 */
export class HeightIndex {
  private keys: readonly string[] = [];
  private readonly heights = new Map<string, number>();
  private offsets: number[] = [0];

  constructor(private estimate = 64) {}

  get length(): number {
    return this.keys.length;
  }

  get totalHeight(): number {
    return this.offsets[this.keys.length];
  }

  setKeys(keys: readonly string[]): void {
    this.keys = keys;
    this.recompute();
  }

  keyAt(index: number): string | undefined {
    return this.keys[index];
  }

  indexOf(key: string): number {
    return this.keys.indexOf(key);
  }

  offsetOf(index: number): number {
    return this.offsets[Math.max(0, Math.min(index, this.keys.length))];
  }

  heightOf(index: number): number {
    return this.offsetOf(index + 1) - this.offsetOf(index);
  }

  /** Records measured heights; returns true when any changed. New measurements refine the estimate. */
  measure(entries: Iterable<[key: string, height: number]>): boolean {
    let changed = false;
    for (const [key, height] of entries) {
      if (height <= 0 || this.heights.get(key) === height) continue;
      this.heights.set(key, height);
      changed = true;
    }
    if (changed) {
      let sum = 0;
      for (const height of this.heights.values()) sum += height;
      this.estimate = sum / this.heights.size;
      this.recompute();
    }
    return changed;
  }

  /** The index of the item covering `offset` (the last one when past the end). */
  indexAt(offset: number): number {
    if (this.keys.length === 0) return 0;
    let low = 0;
    let high = this.keys.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.offsets[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The items to render for a viewport at `scrollTop` of `viewportHeight`, plus `buffer` px each side. */
  rangeFor(scrollTop: number, viewportHeight: number, buffer: number): IndexRange {
    if (this.keys.length === 0) return { start: 0, end: 0 };
    const start = this.indexAt(Math.max(0, scrollTop - buffer));
    const end = Math.min(this.keys.length, this.indexAt(scrollTop + viewportHeight + buffer) + 1);
    return { start, end };
  }

  private recompute(): void {
    const offsets = new Array<number>(this.keys.length + 1);
    offsets[0] = 0;
    for (let index = 0; index < this.keys.length; index += 1) {
      offsets[index + 1] = offsets[index] + (this.heights.get(this.keys[index]) ?? this.estimate);
    }
    this.offsets = offsets;
  }
}
