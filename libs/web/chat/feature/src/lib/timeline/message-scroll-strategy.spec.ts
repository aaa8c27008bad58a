import type { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import { MessageScrollStrategy } from './message-scroll-strategy';

/** The part of the CDK viewport the strategy uses, with a scroll position the test controls. */
class FakeViewport {
  scrollTop = 0;
  readonly scrolledTo: number[] = [];
  readonly _contentWrapper = { nativeElement: document.createElement('div') };

  constructor(private readonly size: number) {}

  measureScrollOffset(): number {
    return this.scrollTop;
  }
  getViewportSize(): number {
    return this.size;
  }
  scrollToOffset(offset: number): void {
    this.scrollTop = offset;
    this.scrolledTo.push(offset);
  }
  setTotalContentSize(): void {
    // The spacer: nothing to fake.
  }
  setRenderedRange(): void {
    // What the CDK renders: nothing to fake.
  }
  setRenderedContentOffset(): void {
    // Where the rendered items sit: nothing to fake.
  }
}

describe('MessageScrollStrategy', () => {
  /** 100 rows of the estimated 64 px in a 640 px view (10 rows), scrolled to the bottom. */
  function atBottom(): { strategy: MessageScrollStrategy; viewport: FakeViewport } {
    const strategy = new MessageScrollStrategy();
    const viewport = new FakeViewport(640);
    strategy.attach(viewport as unknown as CdkVirtualScrollViewport);
    strategy.setKeys(Array.from({ length: 100 }, (_, i) => `m${i}`));
    viewport.scrolledTo.length = 0;
    return { strategy, viewport };
  }

  it('starts pinned to the bottom', () => {
    const { strategy, viewport } = atBottom();
    expect(viewport.scrollTop).toBe(100 * 64 - 640);
    expect(strategy.atBottom).toBe(true);
  });

  it('revealKey brings a row outside the view to its top, and leaves the bottom', () => {
    const { strategy, viewport } = atBottom();
    strategy.revealKey('m3');
    expect(viewport.scrolledTo).toEqual([3 * 64]);
    expect(strategy.atBottom).toBe(false);
  });

  it('revealKey does not move a row that is entirely in view, nor for an unknown key', () => {
    const { strategy, viewport } = atBottom();
    strategy.revealKey('m95');
    strategy.revealKey('m99');
    strategy.revealKey('nope');
    expect(viewport.scrolledTo).toEqual([]);
    expect(strategy.atBottom).toBe(true);
  });

  it('revealKey scrolls a row cut by the top edge fully into view', () => {
    const { strategy, viewport } = atBottom();
    viewport.scrollTop = 90 * 64 - 10;
    strategy.revealKey('m89');
    expect(viewport.scrolledTo).toEqual([89 * 64]);
  });
});
