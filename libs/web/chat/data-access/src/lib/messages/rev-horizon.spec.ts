import { RevHorizon } from './rev-horizon';

describe('RevHorizon', () => {
  const channel = 'c'.repeat(24);

  it('moves with live events only while subscribed', () => {
    const horizon = new RevHorizon();
    horizon.onReady();
    expect(horizon.noteSnapshot(channel, 10, horizon.epoch, true)).toBe(false);
    horizon.noteLive(channel, 12);
    expect(horizon.get(channel)).toBe(12);
    horizon.onDisconnect();
    horizon.noteLive(channel, 15); // arrived between the drop and the next ready: not trusted
    expect(horizon.get(channel)).toBe(12);
  });

  it('a first snapshot taken without a live subscription asks for a catch-up of its own', () => {
    const horizon = new RevHorizon();
    horizon.onReady();
    const epoch = horizon.epoch;
    horizon.onDisconnect();
    horizon.onReady(); // reconnected while the page was on its way
    expect(horizon.noteSnapshot(channel, 8, epoch, true)).toBe(true);
    expect(horizon.get(channel)).toBe(8);
  });

  it('a later snapshot never raises the horizon (only contiguous catch-up pages do)', () => {
    const horizon = new RevHorizon();
    horizon.onReady();
    horizon.noteSnapshot(channel, 10, horizon.epoch, true);
    horizon.onDisconnect();
    horizon.noteSnapshot(channel, 40, horizon.epoch, false);
    expect(horizon.get(channel)).toBe(10);
    horizon.onReady();
    horizon.beginCatchUp(channel);
    horizon.noteLive(channel, 50);
    horizon.progress(channel, 30);
    expect(horizon.get(channel)).toBe(30);
    horizon.finishCatchUp(channel);
    expect(horizon.get(channel)).toBe(50);
  });
});
