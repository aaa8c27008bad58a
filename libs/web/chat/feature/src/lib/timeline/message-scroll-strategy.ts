import type { CdkVirtualScrollViewport, VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Injectable } from '@angular/core';
import { Subject, distinctUntilChanged } from 'rxjs';
import { HeightIndex } from './height-index';

/** Rendered items carry their key in this attribute, so the strategy can measure them. */
export const ITEM_KEY_ATTRIBUTE = 'data-item-key';

/** How close to the end counts as "at the bottom" (new messages then keep the view pinned there). */
const BOTTOM_SLACK_PX = 32;

/**
 * Virtual scrolling for a chat timeline: items of any height (measured after they render, keyed by
 * message id), a view that stays pinned to the newest message while the reader is at the bottom,
 * and that keeps the message the reader is looking at in place when older history is prepended or
 * a message above it changes height.
 */
@Injectable()
export class MessageScrollStrategy implements VirtualScrollStrategy {
  private readonly indexChanges = new Subject<number>();
  readonly scrolledIndexChange = this.indexChanges.pipe(distinctUntilChanged());

  private readonly heights = new HeightIndex();
  private viewport: CdkVirtualScrollViewport | null = null;
  private pinnedToBottom = true;
  private readonly bufferPx = 800;

  /** Which keys may anchor the view (set by the list: its messages, not its separators). */
  isAnchor: (key: string) => boolean = () => true;

  /** Whether the reader is at the newest message (the timeline shows "jump to latest" otherwise). */
  get atBottom(): boolean {
    return this.pinnedToBottom;
  }

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.update();
  }

  detach(): void {
    this.viewport = null;
  }

  /** The items' keys in display order; call it whenever the list changes, before it renders. */
  setKeys(keys: readonly string[]): void {
    const anchor = this.captureAnchor();
    this.heights.setKeys(keys);
    this.restore(anchor);
  }

  onContentScrolled(): void {
    this.pinnedToBottom = this.isAtBottom();
    this.update();
  }

  onDataLengthChanged(): void {
    this.update();
  }

  onContentRendered(): void {
    const wrapper = this.viewport?._contentWrapper.nativeElement;
    if (!wrapper) return;
    const measured: [string, number][] = [];
    for (const element of Array.from(wrapper.children)) {
      const key = element.getAttribute(ITEM_KEY_ATTRIBUTE);
      if (key) measured.push([key, (element as HTMLElement).offsetHeight]);
    }
    const anchor = this.captureAnchor();
    if (this.heights.measure(measured)) this.restore(anchor);
  }

  onRenderedOffsetChanged(): void {
    // Offsets are computed from measured heights; nothing to correct here.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(this.heights.offsetOf(index), behavior);
  }

  scrollToBottom(behavior: ScrollBehavior = 'auto'): void {
    this.pinnedToBottom = true;
    this.viewport?.scrollToOffset(this.heights.totalHeight, behavior);
    this.update();
  }

  /** Brings the item with this key to the top of the view (e.g. the first unread message). */
  scrollToKey(key: string, behavior: ScrollBehavior = 'auto'): void {
    const index = this.heights.indexOf(key);
    if (index < 0) return;
    this.pinnedToBottom = false;
    this.scrollToIndex(index, behavior);
  }

  /**
   * Brings the item with this key into view unless all of it is in view already. It goes to the top
   * of the view: as the anchor there, it stays put while the items around it get measured.
   */
  revealKey(key: string, behavior: ScrollBehavior = 'auto'): void {
    const viewport = this.viewport;
    const index = this.heights.indexOf(key);
    if (!viewport || index < 0) return;
    const top = viewport.measureScrollOffset('top');
    const size = viewport.getViewportSize();
    const fitsBelowTop = this.heights.offsetOf(index) >= top;
    const fitsAboveBottom = this.heights.offsetOf(index + 1) <= top + size;
    if ((fitsBelowTop && fitsAboveBottom) || this.heights.totalHeight <= size) return;
    this.scrollToKey(key, behavior);
  }

  private isAtBottom(): boolean {
    const viewport = this.viewport;
    if (!viewport) return true;
    const top = viewport.measureScrollOffset('top');
    return top + viewport.getViewportSize() >= this.heights.totalHeight - BOTTOM_SLACK_PX;
  }

  /** The index of the first item in view. */
  firstVisibleIndex(): number {
    const viewport = this.viewport;
    return viewport ? this.heights.indexAt(viewport.measureScrollOffset('top')) : 0;
  }

  /**
   * The first item in view that is a message (separators move when older history arrives) and how
   * far the view starts from it.
   */
  private captureAnchor(): { key: string; delta: number } | null {
    const viewport = this.viewport;
    if (!viewport || this.heights.length === 0 || this.pinnedToBottom) return null;
    const top = viewport.measureScrollOffset('top');
    for (let index = this.heights.indexAt(top); index < this.heights.length; index += 1) {
      const key = this.heights.keyAt(index);
      if (key && this.isAnchor(key)) return { key, delta: top - this.heights.offsetOf(index) };
    }
    return null;
  }

  private restore(anchor: { key: string; delta: number } | null): void {
    const viewport = this.viewport;
    if (!viewport) return;
    // The spacer must be tall enough before scrolling, or the browser clamps the offset.
    viewport.setTotalContentSize(Math.max(this.heights.totalHeight, viewport.getViewportSize()));
    if (this.pinnedToBottom) {
      viewport.scrollToOffset(Math.max(0, this.heights.totalHeight - viewport.getViewportSize()));
    } else if (anchor) {
      const index = this.heights.indexOf(anchor.key);
      if (index >= 0) viewport.scrollToOffset(this.heights.offsetOf(index) + anchor.delta);
    }
    this.update();
  }

  private update(): void {
    const viewport = this.viewport;
    if (!viewport) return;
    const size = viewport.getViewportSize();
    // A short conversation sits at the bottom of the view, next to the composer.
    const gap = Math.max(0, size - this.heights.totalHeight);
    viewport.setTotalContentSize(this.heights.totalHeight + gap);
    const top = viewport.measureScrollOffset('top');
    const range = this.heights.rangeFor(top, size, this.bufferPx);
    viewport.setRenderedRange(range);
    viewport.setRenderedContentOffset(this.heights.offsetOf(range.start) + gap);
    this.indexChanges.next(this.heights.indexAt(top));
  }
}
