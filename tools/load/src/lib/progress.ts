/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export class ProgressBar {
  private readonly enabled: boolean;
  private lastLength = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
  }

  /** `fraction` 0..1 of the current phase, with a label and a status text. */
  update(fraction: number, label: string, status = ''): void {
    if (!this.enabled) return;
    const width = 24;
    const done = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    const line = `${label} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${Math.round(fraction * 100)}% ${status}`;
    const columns = this.stream.columns ?? 120;
    const shown = line.slice(0, columns - 1);
    this.stream.write(`\r${shown}${' '.repeat(Math.max(0, this.lastLength - shown.length))}`);
    this.lastLength = shown.length;
  }

  /** Clears the bar (before printing anything else). */
  clear(): void {
    if (!this.enabled || this.lastLength === 0) return;
    this.stream.write(`\r${' '.repeat(this.lastLength)}\r`);
    this.lastLength = 0;
  }
}

/** A message on stderr (the table and JSON go to stdout). */
export function note(progress: ProgressBar, message: string): void {
  progress.clear();
  process.stderr.write(`${message}\n`);
}
