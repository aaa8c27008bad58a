/**
 * Another process's CPU time and memory from Linux's /proc (the server's, given its pid), and the
 * pid of whoever listens on a TCP port (to find the server from --url).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface ProcessSample {
  /** performance.now() when read. */
  at: number;
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  rssBytes: number;
}

/** utime and stime (clock ticks) from the text of /proc/<pid>/stat. */
export function parseProcStat(text: string): { utimeTicks: number; stimeTicks: number } {
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utimeTicks = Number(fields[11]);
  const stimeTicks = Number(fields[12]);
  if (!Number.isFinite(utimeTicks) || !Number.isFinite(stimeTicks)) {
    throw new Error('unreadable /proc/<pid>/stat');
  }
  return { utimeTicks, stimeTicks };
}

/** VmRSS (bytes) from the text of /proc/<pid>/status. */
export function parseStatusRss(text: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  if (!match) throw new Error('no VmRSS in /proc/<pid>/status');
  return Number(match[1]) * 1024;
}

let clockTicks: number | null = null;

/** Clock ticks per second (USER_HZ), 100 on every usual Linux. */
export function clockTicksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export function sampleProcess(pid: number): ProcessSample {
  const at = performance.now();
  const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const rssBytes = parseStatusRss(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { at, cpuSeconds: (stat.utimeTicks + stat.stimeTicks) / clockTicksPerSecond(), rssBytes };
}

/** CPU use between two samples, in percent of one core (200 = two cores busy). */
export function cpuPercentBetween(first: ProcessSample, second: ProcessSample): number | null {
  const elapsedSeconds = (second.at - first.at) / 1000;
  if (elapsedSeconds <= 0) return null;
  return ((second.cpuSeconds - first.cpuSeconds) / elapsedSeconds) * 100;
}

export interface MachineCpuSample {
  at: number;
  /** Clock ticks the machine's cores spent busy and in all, since boot (first line of /proc/stat). */
  busyTicks: number;
  totalTicks: number;
}

/** Busy and total ticks from the text of /proc/stat (`cpu  user nice system idle iowait irq softirq steal`). */
export function parseMachineCpu(procStat: string): { busyTicks: number; totalTicks: number } {
  const line = procStat.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) throw new Error('no cpu line in /proc/stat');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map((field) => Number(field) || 0);
  const busyTicks = user + nice + system + irq + softirq + steal;
  return { busyTicks, totalTicks: busyTicks + idle + iowait };
}

export function sampleMachineCpu(): MachineCpuSample | null {
  try {
    return { at: performance.now(), ...parseMachineCpu(readFileSync('/proc/stat', 'utf8')) };
  } catch {
    return null;
  }
}

/** Busy CPU of the whole machine between two samples, in percent of one core (nproc x 100 = all busy). */
export function machineBusyPercent(
  first: MachineCpuSample,
  second: MachineCpuSample,
  nproc: number,
): number | null {
  const total = second.totalTicks - first.totalTicks;
  if (total <= 0) return null;
  return ((second.busyTicks - first.busyTicks) / total) * nproc * 100;
}

/** The soft limit on open files of a process ("Max open files" in /proc/<pid>/limits). */
export function parseOpenFilesLimit(limitsText: string): number | null {
  const match = /^Max open files\s+(\S+)/m.exec(limitsText);
  if (!match) return null;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

export function openFilesLimit(pid: number | 'self' = 'self'): number | null {
  try {
    return parseOpenFilesLimit(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  } catch {
    return null;
  }
}

/** Socket inodes listening on `port` in the text of /proc/net/tcp or /proc/net/tcp6. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const localPort = parseInt(fields[1].split(':').pop() ?? '', 16);
    // State 0A is TCP_LISTEN.
    if (localPort === port && fields[3] === '0A' && fields[9] !== '0') inodes.push(fields[9]);
  }
  return inodes;
}

/** The pid of the process listening on a local TCP port, if this user can see it. */
export function findListeningPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const inode of listeningInodes(readFileSync(file, 'utf8'), port)) inodes.add(inode);
    } catch {
      // No IPv6 table, or no /proc: fine.
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match && inodes.has(match[1])) return Number(entry);
      } catch {
        // The fd closed meanwhile.
      }
    }
  }
  return null;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  platform: string;
  openFilesLimit: number | null;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    nproc: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    openFilesLimit: openFilesLimit(),
  };
}

/**
 * CPU that processes other than `ours` used over `ms`, in percent of one core (the machine-wide
 * busy time of /proc/stat minus our processes' own). Null without /proc.
 */
export async function othersCpuPercent(
  ours: readonly number[],
  ms: number,
  nproc: number,
): Promise<number | null> {
  const readOurs = () =>
    ours.map((pid) => {
      try {
        return sampleProcess(pid).cpuSeconds;
      } catch {
        return 0;
      }
    });
  const machineStart = sampleMachineCpu();
  const oursStart = readOurs();
  const startedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const machineEnd = sampleMachineCpu();
  const oursEnd = readOurs();
  const seconds = (performance.now() - startedAt) / 1000;
  if (!machineStart || !machineEnd || seconds <= 0) return null;
  const busy = machineBusyPercent(machineStart, machineEnd, nproc);
  if (busy === null) return null;
  const ourPercent = (oursEnd.reduce((sum, end, index) => sum + (end - oursStart[index]), 0) / seconds) * 100;
  return Math.max(0, busy - ourPercent);
}
