import type { LoadReport } from './report';
import { markdownTable, summarizeReports } from './summary';

const historyReport = (p99Ms: number, met: boolean) =>
  ({
    scenario: 'history',
    verdicts: [{ metric: 'server p99', supchat: p99Ms, baseline: null, ratio: null, target: '< 5 ms', met }],
    runs: [
      {
        kind: 'supchat',
        history: {
          pagesPerSecond: 100,
          client: { p50: 1, p99: 2 },
          serverSide: { p50Ms: 1, p99Ms, within5msPercent: 99 },
          wrongPages: 0,
          server: { cpuPercent: 50, othersCpuPercent: 0 },
        },
      },
    ],
  }) as unknown as LoadReport;

describe('summarizeReports', () => {
  it('reports the median of repeated runs and each run', () => {
    const [targets, history] = summarizeReports([
      historyReport(4, true),
      historyReport(9, false),
      historyReport(3, true),
    ]);
    expect(targets.rows[0][1]).toBe('4.00 (4.00, 9.00, 3.00)');
    expect(targets.rows[0][5]).toBe('MET in 2 of 3');
    expect(history.rows.find((row) => row[0] === 'server-side p99 (ms)')?.[1]).toBe(
      '4.00 (4.00, 9.00, 3.00)',
    );
  });

  it('refuses to mix scenarios', () => {
    expect(() =>
      summarizeReports([historyReport(1, true), { ...historyReport(1, true), scenario: 'idle' }]),
    ).toThrow(/one scenario/);
  });
});

describe('markdownTable', () => {
  it('writes a header, a separator and escaped cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', null]])).toBe('| a | b |\n| --- | --- |\n| x\\|y | - |');
  });
});
