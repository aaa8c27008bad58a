import { TestBed } from '@angular/core/testing';
import { DaySeparatorComponent } from '@supchat/web/chat/ui';
import { DayClock } from './day-clock';

describe('DayClock', () => {
  afterEach(() => jest.useRealTimers());

  it('moves to the next day at midnight, and a separator bound to it relabels "Today" as "Yesterday"', async () => {
    jest.useFakeTimers({ now: new Date(2026, 2, 11, 23, 59, 30) });
    const clock = TestBed.inject(DayClock);
    expect(clock.today()).toEqual(new Date(2026, 2, 11));
    const fixture = TestBed.createComponent(DaySeparatorComponent);
    fixture.componentRef.setInput('date', new Date(2026, 2, 11, 9, 0).toISOString());
    fixture.componentRef.setInput('now', clock.today());
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent.trim()).toBe('Today');

    jest.advanceTimersByTime(31_000);
    expect(clock.today()).toEqual(new Date(2026, 2, 12));
    fixture.componentRef.setInput('now', clock.today());
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent.trim()).toBe('Yesterday');

    // And again the night after.
    jest.advanceTimersByTime(24 * 3_600_000);
    expect(clock.today()).toEqual(new Date(2026, 2, 13));
  });

  it('catches up when the page becomes visible after sleeping through midnight', () => {
    jest.useFakeTimers({ now: new Date(2026, 2, 11, 22, 0) });
    const clock = TestBed.inject(DayClock);
    // The timer did not fire (a suspended computer); the clock moved on.
    jest.setSystemTime(new Date(2026, 2, 12, 8, 0));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(clock.today()).toEqual(new Date(2026, 2, 12));
  });
});
