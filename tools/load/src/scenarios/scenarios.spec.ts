import type { FanoutStep, GeneratorReport, LoadReport } from '../lib/report';
import { generatorReport, measurementWarnings, sustainableRate } from '../lib/report';
import { verdicts } from '../lib/render';
import { EMPTY_DISTRIBUTION } from '../lib/stats';
import { planClients } from '../lib/targets';
import { assignToWorkers } from '../lib/worker-pool';
import { expectedDeliveries } from './fanout';
import { isExpectedPage } from './history';
import { cumulativeCurve } from './storm';

describe('client plans', () => {
  it('spreads clients over rooms and makes the first S of them senders, a few per room', () => {
    const plan = planClients({ clients: 10, rooms: 2, senders: 4, writers: 0 });
    expect(plan.map((client) => client.room)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(plan.filter((client) => client.role === 'sender').map((client) => client.room)).toEqual([
      0, 1, 0, 1,
    ]);
    expect(
      plan.filter((client) => client.role === 'receiver').every((client) => client.senderNumber === -1),
    ).toBe(true);
  });

  it('adds storm writers after the clients, one per room', () => {
    const plan = planClients({ clients: 6, rooms: 3, senders: 0, writers: 3 });
    const writers = plan.filter((client) => client.role === 'writer');
    expect(writers.map((client) => [client.index, client.room])).toEqual([
      [6, 0],
      [7, 1],
      [8, 2],
    ]);
  });

  it('keeps whole rooms in one worker when there are enough rooms', () => {
    const clients = planClients({ clients: 12, rooms: 4, senders: 4, writers: 0 }).map((client) => ({
      ...client,
      userId: '',
      token: '',
      channelId: `c${client.room}`,
    }));
    const groups = assignToWorkers(clients, 2, 4);
    for (const group of groups) expect(new Set(group.map((client) => client.room)).size).toBe(2);
    const split = assignToWorkers(clients, 3, 1);
    expect(split.map((group) => group.length)).toEqual([4, 4, 4]);
  });
});

describe('fan-out accounting', () => {
  it('expects each message in every other ready member of its room', () => {
    expect(expectedDeliveries([{ sentByRoom: { 0: 10, 1: 5 } }, { sentByRoom: { 2: 1 } }], [50, 50, 3])).toBe(
      10 * 49 + 5 * 49 + 2,
    );
  });

  const step = (rate: number, sustainable: boolean): FanoutStep => ({
    offeredRate: rate,
    seconds: 10,
    sent: 0,
    acked: 0,
    ackFailed: 0,
    errors: {},
    ack: EMPTY_DISTRIBUTION,
    delivery: EMPTY_DISTRIBUTION,
    expected: 0,
    received: 0,
    completeness: null,
    duplicates: 0,
    sendRate: 0,
    deliveryRate: 0,
    serverCpuMsPerMessage: null,
    server: { pid: null, cpuPercent: null, rssBytes: null, rssMaxBytes: null },
    generator: generatorReport([], 0),
    sustainable,
    failures: [],
  });

  it('takes the last good step before the first failure as sustainable', () => {
    expect(sustainableRate([step(100, true), step(200, true), step(400, false), step(600, true)])).toBe(200);
    expect(sustainableRate([step(100, false)])).toBeNull();
  });

  it('skips a step that failed while other processes were busy', () => {
    const noisy = { ...step(400, false), noisy: true };
    expect(sustainableRate([step(200, true), noisy, step(500, true), step(600, false)])).toBe(500);
  });

  it('states the ratio targets of the issue', () => {
    const run = (kind: 'supchat' | 'baseline', sustainable: number, p99At500: number) => ({
      kind,
      url: '',
      serverPid: null,
      setup: { seconds: 0, users: 0, channels: 0 },
      warnings: [],
      fanout: {
        connect: { attempted: 0, connected: 0, failed: 0, errors: {}, ms: EMPTY_DISTRIBUTION, seconds: 0 },
        roomSize: 50,
        sustainableRate: sustainable,
        steps: [{ ...step(500, true), delivery: { ...EMPTY_DISTRIBUTION, p99: p99At500 } }],
      },
    });
    const report = {
      scenario: 'fanout',
      runs: [run('supchat', 800, 90), run('baseline', 1000, 40)],
    } as unknown as LoadReport;
    const [rate, latency] = verdicts(report);
    expect(rate).toMatchObject({ ratio: 0.8, met: true });
    expect(latency).toMatchObject({ supchat: 90, baseline: 40, ratio: 2.25, met: false });
  });
});

describe('generator verdicts', () => {
  const window = (cpuPercent: number, lagP99Ms: number) => ({
    pid: 1,
    stats: { elapsedMs: 1000, cpuPercent, lagP50Ms: 0, lagP99Ms, lagMaxMs: lagP99Ms },
  });

  it('blames the generator over 85 % of a core or 50 ms of lag', () => {
    expect(generatorReport([window(50, 5), window(60, 10)], 5).bottleneck).toBe(false);
    expect(generatorReport([window(50, 5), window(90, 10)], 5).bottleneck).toBe(true);
    expect(generatorReport([window(50, 60)], 5).bottleneck).toBe(true);
    expect(generatorReport([window(50, 5)], 95).bottleneck).toBe(true);
  });

  it('warns about a generator bottleneck, a saturated machine and noisy neighbours', () => {
    const busy: GeneratorReport = generatorReport([window(95, 70)], 5);
    const server = { pid: 1, cpuPercent: 90, rssBytes: 0, rssMaxBytes: 0, othersCpuPercent: 40 };
    const warnings = measurementWarnings('fanout', busy, server, 2);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/generator was the bottleneck/);
    expect(warnings[1]).toMatch(/machine was saturated/);
    expect(warnings[2]).toMatch(/other processes/);
    expect(
      measurementWarnings(
        'fanout',
        generatorReport([window(20, 1)], 1),
        { ...server, othersCpuPercent: 0 },
        2,
      ),
    ).toEqual([]);
  });
});

describe('history pages', () => {
  it('expects the 50 consecutive seqs just below `before`, oldest first', () => {
    const page = Array.from({ length: 50 }, (_, index) => 951 + index);
    expect(isExpectedPage(page, 1001)).toBe(true);
    expect(isExpectedPage(page.slice(1), 1001)).toBe(false);
    expect(isExpectedPage([...page].reverse(), 1001)).toBe(false);
    expect(isExpectedPage([1, 2, 3], 4)).toBe(true);
  });
});

describe('storm curves', () => {
  it('counts how many finished by each time, keeping the last point', () => {
    expect(cumulativeCurve([3, 1, 2])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const many = cumulativeCurve(
      Array.from({ length: 1000 }, (_, index) => index),
      100,
    );
    expect(many.length).toBeLessThanOrEqual(101);
    expect(many[many.length - 1]).toEqual([999, 1000]);
  });
});
