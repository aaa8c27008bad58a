const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `90`, `90s`, `15m`, `12h` or `30d` into seconds; returns null for anything else. */
export function parseDurationSeconds(value: string): number | null {
  const match = /^(\d{1,9})([smhd]?)$/.exec(value.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
  return seconds > 0 ? seconds : null;
}

/** Parses `512kb`, `1mb` or a plain number of bytes; returns null for anything else. */
export function parseByteSize(value: string): number | null {
  const match = /^(\d{1,12})(b|kb|mb)?$/i.exec(value.trim());
  if (!match) return null;
  const multiplier = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase()] ?? 1;
  const bytes = Number(match[1]) * multiplier;
  return bytes > 0 ? bytes : null;
}
