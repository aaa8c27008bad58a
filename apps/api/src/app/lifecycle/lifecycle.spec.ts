import { Lifecycle } from './lifecycle';

describe('Lifecycle', () => {
  it('waits for the work in flight, each end counted once', async () => {
    const lifecycle = new Lifecycle();
    const first = lifecycle.begin();
    const second = lifecycle.begin();
    let idle = false;
    const waiting = lifecycle.waitIdle(1_000).then((result) => (idle = result));
    first();
    first();
    await Promise.resolve();
    expect(idle).toBe(false);
    expect(lifecycle.inFlight).toBe(1);
    second();
    expect(await waiting).toBe(true);
  });

  it('gives up waiting after the timeout', async () => {
    const lifecycle = new Lifecycle();
    lifecycle.begin();
    expect(await lifecycle.waitIdle(20)).toBe(false);
    expect(await new Lifecycle().waitIdle(20)).toBe(true);
  });
});
