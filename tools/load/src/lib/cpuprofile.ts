/**
 * Reads a V8 .cpuprofile (`node --cpu-prof`) into the few tables worth committing: self time and
 * total (inclusive) time by function, and self time by package, as percentages of the sampled time.
 */

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionCost {
  /** "name (file:line)". */
  name: string;
  group: string;
  selfMs: number;
  selfPercent: number;
  totalMs: number;
  totalPercent: number;
}

export interface ProfileSummary {
  sampledMs: number;
  /** Time not spent idle, percent of the sampled time. */
  busyPercent: number;
  functions: FunctionCost[];
  groups: { group: string; selfMs: number; selfPercent: number }[];
}

/** Maps a bundle position to its source (e.g. through the bundle's source map); null: leave it. */
export type PositionMapper = (
  url: string,
  line: number,
  column: number,
) => { source: string; line: number } | null;

const IDLE = new Set(['(idle)']);
const META = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** Which package or part a frame belongs to: node_modules/<pkg>, node:internals, the app, or V8's own. */
export function frameGroup(frame: CallFrame): string {
  if (META.has(frame.functionName) && frame.url === '') return frame.functionName;
  const url = frame.url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:') || (url !== '' && !url.includes('/'))) return 'node (internals)';
  if (url === '') return '(native)';
  return 'supchat';
}

/** Only the samples of the last `seconds` of the profile (e.g. the load window before the server was stopped). */
export function lastSeconds(profile: CpuProfile, seconds: number): CpuProfile {
  const from = profile.endTime - seconds * 1e6;
  let at = profile.startTime;
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  profile.samples.forEach((sample, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < from) return;
    samples.push(sample);
    timeDeltas.push(profile.timeDeltas[index] ?? 0);
  });
  return { ...profile, startTime: Math.max(profile.startTime, from), samples, timeDeltas };
}

export function summarizeProfile(profile: CpuProfile, map: PositionMapper = () => null): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const keyOf = new Map<number, string>();
  const info = new Map<string, { name: string; group: string; self: number; total: number }>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const mapped = frame.url ? map(frame.url, frame.lineNumber, frame.columnNumber) : null;
    const file = mapped?.source ?? frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
    const line = (mapped?.line ?? frame.lineNumber) + 1;
    const name = frame.url ? `${frame.functionName || '(anonymous)'} (${file}:${line})` : frame.functionName;
    keyOf.set(node.id, name);
    if (!info.has(name)) info.set(name, { name, group: frameGroup(frame), self: 0, total: 0 });
  }

  let sampledUs = 0;
  let idleUs = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = Math.max(0, profile.timeDeltas[index] ?? 0);
    sampledUs += delta;
    const node = byId.get(nodeId);
    if (!node) return;
    if (IDLE.has(node.callFrame.functionName)) idleUs += delta;
    const own = info.get(keyOf.get(nodeId) as string);
    if (own) own.self += delta;
    // Inclusive time: once per function on the sample's stack, however deep the recursion.
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const key = keyOf.get(id) as string;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = info.get(key);
      if (entry) entry.total += delta;
    }
  });

  const percent = (us: number) => (sampledUs > 0 ? (us / sampledUs) * 100 : 0);
  const functions = [...info.values()]
    .filter((entry) => entry.self > 0 || entry.total > 0)
    .map((entry) => ({
      name: entry.name,
      group: entry.group,
      selfMs: entry.self / 1000,
      selfPercent: percent(entry.self),
      totalMs: entry.total / 1000,
      totalPercent: percent(entry.total),
    }))
    .sort((a, b) => b.selfMs - a.selfMs);
  const groupSelf = new Map<string, number>();
  for (const entry of info.values())
    groupSelf.set(entry.group, (groupSelf.get(entry.group) ?? 0) + entry.self);
  const groups = [...groupSelf.entries()]
    .map(([group, self]) => ({ group, selfMs: self / 1000, selfPercent: percent(self) }))
    .filter((entry) => entry.selfMs > 0)
    .sort((a, b) => b.selfMs - a.selfMs);
  return {
    sampledMs: sampledUs / 1000,
    busyPercent: percent(sampledUs - idleUs),
    functions,
    groups,
  };
}
