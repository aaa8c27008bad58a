import { moveInSections } from './grid-navigation';

// Two sections of 10 and 3 items, 4 columns:
//  section 0: 0 1 2 3 / 4 5 6 7 / 8 9
//  section 1: 10 11 12
const sizes = [10, 3];
const move = (index: number, key: Parameters<typeof moveInSections>[2]) =>
  moveInSections(sizes, index, key, 4);

describe('moveInSections', () => {
  it('moves left and right through the flat order, stopping at the ends', () => {
    expect(move(3, 'ArrowRight')).toBe(4);
    expect(move(9, 'ArrowRight')).toBe(10);
    expect(move(12, 'ArrowRight')).toBe(12);
    expect(move(10, 'ArrowLeft')).toBe(9);
    expect(move(0, 'ArrowLeft')).toBe(0);
  });

  it('moves down a column, clamping to a short last row, then into the next section', () => {
    expect(move(1, 'ArrowDown')).toBe(5);
    expect(move(7, 'ArrowDown')).toBe(9);
    expect(move(9, 'ArrowDown')).toBe(11);
    expect(move(8, 'ArrowDown')).toBe(10);
    expect(move(11, 'ArrowDown')).toBe(11);
  });

  it('moves up a column, into the last row of the previous section, and out of the first row', () => {
    expect(move(6, 'ArrowUp')).toBe(2);
    expect(move(11, 'ArrowUp')).toBe(9);
    expect(move(12, 'ArrowUp')).toBe(9);
    expect(move(2, 'ArrowUp')).toBe(-1);
  });

  it('Home and End go to the first and last items', () => {
    expect(move(7, 'Home')).toBe(0);
    expect(move(7, 'End')).toBe(12);
  });

  it('skips empty sections', () => {
    expect(moveInSections([2, 0, 2], 1, 'ArrowDown', 4)).toBe(3);
    expect(moveInSections([], 0, 'ArrowDown', 4)).toBe(-1);
  });
});
