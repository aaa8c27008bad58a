import {
  cpuPercentBetween,
  listeningInodes,
  machineBusyPercent,
  parseMachineCpu,
  parseOpenFilesLimit,
  parseProcStat,
  parseStatusRss,
  sampleProcess,
} from './proc';

describe('/proc parsing', () => {
  it('reads utime and stime after a command name holding spaces and parentheses', () => {
    const stat =
      '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 12345 0 0 0 1500 250 0 0 20 0 11 0 98765 1234567890 45678 18446744073709551615';
    expect(parseProcStat(stat)).toEqual({ utimeTicks: 1500, stimeTicks: 250 });
  });

  it('reads VmRSS in bytes', () => {
    expect(parseStatusRss('Name:\tnode\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\nThreads:\t11\n')).toBe(
      123456 * 1024,
    );
    expect(() => parseStatusRss('Name:\tnode\n')).toThrow(/VmRSS/);
  });

  it('turns two samples into percent of one core', () => {
    expect(
      cpuPercentBetween({ at: 1000, cpuSeconds: 10, rssBytes: 0 }, { at: 3000, cpuSeconds: 13, rssBytes: 0 }),
    ).toBeCloseTo(150);
    expect(
      cpuPercentBetween({ at: 1000, cpuSeconds: 1, rssBytes: 0 }, { at: 1000, cpuSeconds: 2, rssBytes: 0 }),
    ).toBeNull();
  });

  it('samples this very process', () => {
    const sample = sampleProcess(process.pid);
    expect(sample.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(sample.cpuSeconds).toBeGreaterThan(0);
  });

  it('reads the machine-wide busy time and scales it to cores', () => {
    const first = parseMachineCpu('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n');
    expect(first).toEqual({ busyTicks: 150, totalTicks: 1000 });
    const second = parseMachineCpu('cpu  200 0 100 850 50 0 0 0 0 0\n');
    // 150 busy of 200 ticks on 2 cores: 150 % of one core.
    expect(machineBusyPercent({ at: 0, ...first }, { at: 1, ...second }, 2)).toBeCloseTo(150);
  });

  it('reads the open-files limit', () => {
    const limits =
      'Limit                     Soft Limit           Hard Limit           Units\nMax open files            20000                20000                files\n';
    expect(parseOpenFilesLimit(limits)).toBe(20000);
    expect(
      parseOpenFilesLimit('Max open files            unlimited            unlimited            files'),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('finds listening sockets on a port in /proc/net/tcp', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 55501 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:0BB8 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 55502 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 55503 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 3000)).toEqual(['55501']);
    expect(listeningInodes(table, 8080)).toEqual(['55503']);
    expect(listeningInodes(table, 9999)).toEqual([]);
  });
});
