/** A write broke a uniqueness rule; `field` names the contract field that collided. */
export class UniqueConstraintError extends Error {
  constructor(readonly field: string) {
    super(`duplicate value for ${field}`);
    this.name = 'UniqueConstraintError';
  }
}

/** MongoDB reports a duplicate key with code 11000 (the emulator gives no keyPattern, so callers look up the field). */
export function isMongoDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** node:sqlite reports `UNIQUE constraint failed: table.column`; returns the column, or null. */
export function sqliteUniqueColumn(error: unknown): string | null {
  // Duck-typed: errors from node:sqlite may come from another realm (e.g. under Jest's VM).
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : null;
  if (typeof message !== 'string') return null;
  const match = /UNIQUE constraint failed: \w+\.(\w+)/.exec(message);
  return match ? match[1] : null;
}
