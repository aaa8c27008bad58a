import { decodeStamp, encodeStamp, messageContent, newRunTag, nowMicros } from './stamp';

describe('send stamps', () => {
  const stamp = { run: 'k3x9a0zz', step: 14, sender: 499, seq: 123_456, sentAtMicros: 1_764_770_000_123_456 };

  it('round-trips through the message content', () => {
    expect(decodeStamp(encodeStamp(stamp))).toEqual(stamp);
    expect(decodeStamp(messageContent(stamp, 100))).toEqual(stamp);
  });

  it('encodes numbers in base 36 after a fixed prefix', () => {
    expect(encodeStamp({ run: 'ab', step: 35, sender: 36, seq: 0, sentAtMicros: 1295 })).toBe(
      'lt1.ab.z.10.0.zz;',
    );
  });

  it('pads the content to the requested size, never cutting the stamp', () => {
    expect(messageContent(stamp, 100)).toHaveLength(100);
    expect(messageContent(stamp, 5)).toBe(encodeStamp(stamp));
  });

  it('keeps microsecond precision for current wall-clock times', () => {
    const now = nowMicros();
    expect(Math.abs(now / 1000 - Date.now())).toBeLessThan(50);
    const decoded = decodeStamp(encodeStamp({ ...stamp, sentAtMicros: now }));
    expect(decoded?.sentAtMicros).toBe(now);
  });

  it('ignores content that is not a stamp', () => {
    for (const content of [
      'hello',
      'lt1.',
      'lt1.abc.1.2.3.4',
      'lt1.abc.1.2.3;',
      'lt1.ABC.1.2.3.4;',
      'lt1.abc.1.2.3.!;',
      'lt1.abc.1.2.3.4.5;',
      ' lt1.abc.1.2.3.4;',
    ]) {
      expect(decodeStamp(content)).toBeNull();
    }
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeStamp({ ...stamp, run: 'Bad-Tag' })).toThrow(RangeError);
    expect(() => encodeStamp({ ...stamp, seq: -1 })).toThrow(RangeError);
    expect(() => encodeStamp({ ...stamp, step: 1.5 })).toThrow(RangeError);
  });

  it('makes run tags the stamp accepts', () => {
    const run = newRunTag();
    expect(run).toMatch(/^[a-z0-9]{8}$/);
    expect(decodeStamp(encodeStamp({ ...stamp, run }))?.run).toBe(run);
  });
});
