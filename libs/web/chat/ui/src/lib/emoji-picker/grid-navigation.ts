/** The grid-navigation keys the emoji picker handles. */
export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/**
 * Moves through items laid out as consecutive sections, each a grid of `columns` columns that starts
 * on a new row. Returns the new flat index, or -1 when ArrowUp leaves the first row (to the search box).
 */
export function moveInSections(
  sizes: readonly number[],
  index: number,
  key: GridKey,
  columns: number,
): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return -1;
  const starts: number[] = [];
  let start = 0;
  for (const size of sizes) {
    starts.push(start);
    start += size;
  }
  let section = 0;
  while (section < sizes.length - 1 && index >= starts[section] + sizes[section]) section++;
  const offset = index - starts[section];
  const row = Math.floor(offset / columns);
  const column = offset % columns;
  const rows = (size: number) => Math.ceil(size / columns);

  switch (key) {
    case 'ArrowRight':
      return Math.min(index + 1, total - 1);
    case 'ArrowLeft':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    case 'ArrowDown': {
      if (row < rows(sizes[section]) - 1)
        return starts[section] + Math.min(offset + columns, sizes[section] - 1);
      for (let next = section + 1; next < sizes.length; next++) {
        if (sizes[next] > 0) return starts[next] + Math.min(column, sizes[next] - 1);
      }
      return index;
    }
    case 'ArrowUp': {
      if (row > 0) return index - columns;
      for (let previous = section - 1; previous >= 0; previous--) {
        if (sizes[previous] > 0) {
          const lastRowStart = (rows(sizes[previous]) - 1) * columns;
          return starts[previous] + Math.min(lastRowStart + column, sizes[previous] - 1);
        }
      }
      return -1;
    }
  }
}
