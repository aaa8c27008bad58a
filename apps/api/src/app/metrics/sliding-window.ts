/**
 * The last `seconds` seconds of something, one slot per second: a slot is recycled (reset) when its
 * second comes round again, so memory is fixed and nothing needs a timer.
 */
export class SlidingWindow<T> {
  private readonly slots: { second: number; value: T }[];

  constructor(
    readonly seconds: number,
    private readonly create: () => T,
    private readonly reset: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = Array.from({ length: seconds }, () => ({ second: -1, value: create() }));
  }

  /** The slot of the current second. */
  current(): T {
    const second = Math.floor(this.now() / 1000);
    const slot = this.slots[second % this.seconds];
    if (slot.second !== second) {
      this.reset(slot.value);
      slot.second = second;
    }
    return slot.value;
  }

  /**
   * The slots of the last `seconds` seconds that saw anything, oldest first: the current second
   * included, or (`completeOnly`) the `seconds` seconds before it.
   */
  last(seconds = this.seconds, completeOnly = false): T[] {
    const now = Math.floor(this.now() / 1000);
    const to = completeOnly ? now - 1 : now;
    const from = to - Math.min(seconds, this.seconds) + 1;
    return this.slots
      .filter((slot) => slot.second >= from && slot.second <= to)
      .sort((a, b) => a.second - b.second)
      .map((slot) => slot.value);
  }

  /** A fresh value holding the last `seconds` seconds merged with `merge`. */
  merged(merge: (into: T, from: T) => void, seconds = this.seconds): T {
    const total = this.create();
    for (const value of this.last(seconds)) merge(total, value);
    return total;
  }
}
