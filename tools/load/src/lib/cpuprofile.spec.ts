import type { CpuProfile } from './cpuprofile';
import { frameGroup, lastSeconds, summarizeProfile } from './cpuprofile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
});

// root -> main -> { handle -> { stringify, handle (recursion) -> stringify }, (garbage collector) }, (idle)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 7] },
    { id: 2, callFrame: frame('main', 'file:///app/dist/apps/api/main.mjs', 10), children: [3, 6] },
    { id: 3, callFrame: frame('handle', 'file:///app/dist/apps/api/main.mjs', 20), children: [4, 5] },
    { id: 4, callFrame: frame('stringify', 'file:///app/node_modules/socket.io-parser/build/index.js', 5) },
    { id: 5, callFrame: frame('handle', 'file:///app/dist/apps/api/main.mjs', 20), children: [8] },
    { id: 6, callFrame: frame('(garbage collector)') },
    { id: 7, callFrame: frame('(idle)') },
    { id: 8, callFrame: frame('stringify', 'file:///app/node_modules/socket.io-parser/build/index.js', 5) },
  ],
  startTime: 0,
  endTime: 10_000,
  // 4 ms in stringify (two stacks), 2 ms in handle itself, 1 ms GC, 3 ms idle.
  samples: [4, 8, 4, 8, 3, 5, 6, 7, 7, 7],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('summarizeProfile', () => {
  const summary = summarizeProfile(profile);
  const byName = (prefix: string) => summary.functions.find((entry) => entry.name.startsWith(prefix));

  it('adds self time per function across the stacks it appears in', () => {
    expect(summary.sampledMs).toBe(10);
    expect(summary.busyPercent).toBe(70);
    expect(byName('stringify')).toMatchObject({ selfMs: 4, selfPercent: 40, group: 'socket.io-parser' });
    expect(byName('handle')).toMatchObject({ selfMs: 2, group: 'supchat' });
    expect(summary.functions[0].name).toMatch(/^stringify/);
  });

  it('counts inclusive time once per stack even through recursion', () => {
    // handle is on the stack of 6 samples (4 stringify + 2 own), whatever the recursion depth.
    expect(byName('handle')?.totalMs).toBe(6);
    expect(byName('main')?.totalMs).toBe(7);
  });

  it('groups self time by package', () => {
    expect(summary.groups).toEqual([
      { group: 'socket.io-parser', selfMs: 4, selfPercent: 40 },
      { group: '(idle)', selfMs: 3, selfPercent: 30 },
      { group: 'supchat', selfMs: 2, selfPercent: 20 },
      { group: '(garbage collector)', selfMs: 1, selfPercent: 10 },
    ]);
  });

  it('names functions by the source position a mapper gives', () => {
    const mapped = summarizeProfile(profile, (url, line) =>
      url.endsWith('main.mjs')
        ? { source: 'apps/api/src/app/messages/messages.service.ts', line: line * 2 }
        : null,
    );
    expect(mapped.functions.map((entry) => entry.name)).toContain(
      'handle (apps/api/src/app/messages/messages.service.ts:41)',
    );
  });
});

describe('frameGroup', () => {
  it('tells packages, node internals and the app apart', () => {
    expect(frameGroup(frame('x', 'file:///w/node_modules/@nestjs/core/router.js'))).toBe('@nestjs/core');
    expect(frameGroup(frame('x', 'node:internal/streams/writable'))).toBe('node (internals)');
    expect(frameGroup(frame('x', 'node:net'))).toBe('node (internals)');
    expect(frameGroup(frame('x', 'file:///w/dist/apps/api/main.mjs'))).toBe('supchat');
    expect(frameGroup(frame('(program)'))).toBe('(program)');
    expect(frameGroup(frame('writev'))).toBe('(native)');
  });
});

describe('lastSeconds', () => {
  it('keeps only the samples of the tail of the profile', () => {
    const tail = lastSeconds(profile, 0.0035);
    // Samples end at 1, 2, ... 10 ms; the last 3.5 ms keep the ones at 7, 8, 9 and 10 ms.
    expect(tail.samples).toEqual([6, 7, 7, 7]);
    expect(summarizeProfile(tail).busyPercent).toBe(25);
  });
});
