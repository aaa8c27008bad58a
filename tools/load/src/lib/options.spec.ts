import { DEFAULT_STEPS, OptionsError, parseOptions, roomSizes } from './options';
import type { LoadOptions } from './options';

const parse = (...argv: string[]) => parseOptions(argv) as LoadOptions;

describe('parseOptions', () => {
  it('gives each scenario its defaults (rooms of 50, workers, durations)', () => {
    const fanout = parse('fanout');
    expect(fanout).toMatchObject({
      scenario: 'fanout',
      url: 'http://localhost:3000',
      targets: 'supchat',
      clients: 1000,
      rooms: 20,
      senders: 500,
      rate: null,
      steps: DEFAULT_STEPS,
      workers: 2,
      durationSeconds: 10,
      warmupSeconds: 3,
      p99LimitMs: 100,
    });
    expect(parse('idle')).toMatchObject({ clients: 10_000, rooms: 200, workers: 4 });
    expect(parse('storm')).toMatchObject({ clients: 5000, rooms: 100, senders: 100, rate: 100 });
    expect(parse('history')).toMatchObject({ clients: 2, channel: 'history-1m', workers: 1 });
  });

  it('reads every option', () => {
    const options = parse(
      'fanout',
      '--url',
      'http://127.0.0.1:3100/',
      '--clients',
      '200',
      '--rooms',
      '4',
      '--senders',
      '40',
      '--rate',
      '500',
      '--duration',
      '2.5',
      '--warmup',
      '0',
      '--workers',
      '3',
      '--server-pid',
      '4242',
      '--json',
      'out/r.json',
      '--svg',
      'out/r.svg',
      '--compare-baseline',
      '--size',
      '200',
      '--p99-limit',
      '50',
      '--keep-going',
      '--ack-timeout',
      '2000',
    );
    expect(options).toMatchObject({
      url: 'http://127.0.0.1:3100',
      clients: 200,
      rooms: 4,
      senders: 40,
      rate: 500,
      durationSeconds: 2.5,
      warmupSeconds: 0,
      workers: 3,
      serverPid: 4242,
      jsonPath: 'out/r.json',
      svgPath: 'out/r.svg',
      targets: 'both',
      messageSize: 200,
      p99LimitMs: 50,
      keepGoing: true,
      ackTimeoutMs: 2000,
    });
  });

  it('derives rooms of 50 and senders from --clients', () => {
    expect(parse('fanout', '--clients', '300')).toMatchObject({ rooms: 6, senders: 150 });
    expect(parse('idle', '--clients', '20')).toMatchObject({ rooms: 1 });
  });

  it('parses a sweep and refuses one that does not rise', () => {
    expect(parse('fanout', '--steps', '100, 300,900').steps).toEqual([100, 300, 900]);
    expect(() => parse('fanout', '--steps', '100,100')).toThrow(/increasing/);
    expect(() => parse('fanout', '--steps', '100,0')).toThrow(OptionsError);
    expect(() => parse('fanout', '--steps', '100', '--rate', '100')).toThrow(/not both/);
  });

  it('explains what is wrong', () => {
    expect(() => parseOptions([])).toThrow(/name a scenario/);
    expect(() => parseOptions(['burst'])).toThrow(/unknown scenario "burst"/);
    expect(() => parseOptions(['idle', 'fanout'])).toThrow(/one scenario at a time/);
    expect(() => parseOptions(['idle', '--clients', 'many'])).toThrow(/--clients must be a whole number/);
    expect(() => parseOptions(['idle', '--clients', '1.5'])).toThrow(/--clients/);
    expect(() => parseOptions(['idle', '--clients', '0'])).toThrow(/>= 1/);
    expect(() => parseOptions(['idle', '--duration', '-1'])).toThrow(/--duration/);
    expect(() => parseOptions(['idle', '--bogus'])).toThrow(OptionsError);
    expect(() => parseOptions(['idle', '--url', 'ftp://x'])).toThrow(/--url/);
    expect(() => parseOptions(['idle', '--clients', '10', '--rooms', '11'])).toThrow(/cannot exceed/);
    expect(() => parseOptions(['fanout', '--clients', '10', '--senders', '11'])).toThrow(/cannot exceed/);
    expect(() => parseOptions(['idle', '--baseline', '--compare-baseline'])).toThrow(/exclude/);
    expect(() => parseOptions(['history', '--baseline'])).toThrow(/no baseline/);
    expect(() => parseOptions(['storm', '--compare-baseline'])).toThrow(/no baseline/);
    expect(() => parseOptions(['storm', '--rooms', '10', '--senders', '5'])).toThrow(/one writer per room/);
    expect(() => parseOptions(['fanout', '--size', '5000'])).toThrow(/4000/);
  });

  it('answers --help', () => {
    expect(parseOptions(['--help'])).toBe('help');
    expect(parseOptions(['fanout', '-h'])).toBe('help');
  });

  it('selects the baseline alone with --baseline', () => {
    expect(parse('idle', '--baseline').targets).toBe('baseline');
  });
});

describe('roomSizes', () => {
  it('spreads clients over rooms as evenly as possible', () => {
    expect(roomSizes(1000, 20)).toEqual(new Array(20).fill(50));
    expect(roomSizes(10, 3)).toEqual([4, 3, 3]);
    expect(roomSizes(10, 3).reduce((a, b) => a + b, 0)).toBe(10);
  });
});
