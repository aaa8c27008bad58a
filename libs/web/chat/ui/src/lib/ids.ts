let next = 0;

/** A document-unique id for ARIA references between elements of one component instance. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++next}`;
}
