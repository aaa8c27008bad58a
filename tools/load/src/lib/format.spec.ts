import { fmt, fmtBytes, fmtRatio, renderTable } from './format';
import { decodeBaselineToken, encodeBaselineToken, syntheticId } from './baseline-token';

describe('renderTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    const table = renderTable(
      ['target', 'p99', 'ratio'],
      [
        ['supchat', '12.5', '1.50x'],
        ['baseline', '8.3', '-'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'target     p99  ratio',
      '--------  ----  -----',
      'supchat   12.5  1.50x',
      'baseline   8.3      -',
    ]);
  });
});

describe('number formats', () => {
  it('formats missing values as "-"', () => {
    expect(fmt(null)).toBe('-');
    expect(fmt(1.26, 1)).toBe('1.3');
    expect(fmtRatio(1.234)).toBe('1.23x');
    expect(fmtRatio(null)).toBe('-');
  });

  it('formats bytes in binary units', () => {
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(23.5 * 1024)).toBe('23.5 KiB');
    expect(fmtBytes(300 * 1024 * 1024)).toBe('300.0 MiB');
  });
});

describe('baseline tokens', () => {
  it('round-trip the user and rooms, and reject anything else', () => {
    const identity = { userId: syntheticId('user', 7), channelIds: [syntheticId('channel', 1)] };
    expect(decodeBaselineToken(encodeBaselineToken(identity))).toEqual(identity);
    expect(decodeBaselineToken(undefined)).toBeNull();
    expect(decodeBaselineToken('not base64 json')).toBeNull();
    expect(decodeBaselineToken(Buffer.from('{"u":1,"c":[]}').toString('base64url'))).toBeNull();
  });

  it('makes ids in the contract shape', () => {
    expect(syntheticId('user', 255)).toMatch(/^[a-f0-9]{24}$/);
    expect(syntheticId('user', 1)).not.toBe(syntheticId('channel', 1));
  });
});
