/**
 * The send stamp every load message carries at the start of its content, so each receiver can tell
 * which run, step, sender and sequence number a message is and how long it took to arrive:
 *
 *   lt1.<run>.<step>.<sender>.<seq>.<sentAtMicros>;  (numbers in base 36), then padding
 *
 * `sentAtMicros` is wall-clock microseconds (`performance.timeOrigin + performance.now()`), so it
 * is comparable between the processes of one machine.
 */
export interface Stamp {
  /** Identifies one run of the tool (lower-case letters and digits), so old messages are ignored. */
  run: string;
  step: number;
  sender: number;
  seq: number;
  sentAtMicros: number;
}

const PREFIX = 'lt1.';
const RUN_TAG = /^[a-z0-9]{1,12}$/;
const BASE36 = /^[0-9a-z]{1,11}$/;

export function encodeStamp(stamp: Stamp): string {
  if (!RUN_TAG.test(stamp.run)) throw new RangeError(`bad run tag "${stamp.run}"`);
  for (const [name, value] of Object.entries({
    step: stamp.step,
    sender: stamp.sender,
    seq: stamp.seq,
    sentAtMicros: stamp.sentAtMicros,
  })) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a safe integer >= 0`);
  }
  return `${PREFIX}${stamp.run}.${stamp.step.toString(36)}.${stamp.sender.toString(36)}.${stamp.seq.toString(36)}.${stamp.sentAtMicros.toString(36)};`;
}

/** The stamp at the start of `content`, or null when it has none (a message from someone else). */
export function decodeStamp(content: string): Stamp | null {
  if (!content.startsWith(PREFIX)) return null;
  const end = content.indexOf(';', PREFIX.length);
  if (end < 0) return null;
  const fields = content.slice(PREFIX.length, end).split('.');
  if (fields.length !== 5) return null;
  const [run, ...numbers] = fields;
  if (!RUN_TAG.test(run) || !numbers.every((field) => BASE36.test(field))) return null;
  const [step, sender, seq, sentAtMicros] = numbers.map((field) => parseInt(field, 36));
  if (!Number.isSafeInteger(sentAtMicros)) return null;
  return { run, step, sender, seq, sentAtMicros };
}

/** The stamp, a space and filler up to `size` characters (never shorter than the stamp itself). */
export function messageContent(stamp: Stamp, size: number): string {
  const head = encodeStamp(stamp);
  const fill = size - head.length - 1;
  return fill > 0 ? `${head} ${'x'.repeat(fill)}` : head;
}

/** Wall-clock time in whole microseconds, comparable between processes on one machine. */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/** A random run tag: 8 base-36 characters. */
export function newRunTag(): string {
  return Array.from({ length: 8 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
}
