import { describe, expect, it } from 'vitest';
import { copyField } from './copy-rows';

describe('COPY text fields', () => {
  it('writes null as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('محمد علی')).toBe('محمد علی');
  });

  it('writes numbers, booleans and instants as PostgreSQL reads them', () => {
    expect(copyField(42)).toBe('42');
    expect(copyField(12n)).toBe('12');
    expect(copyField(true)).toBe('t');
    expect(copyField(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678Z');
  });

  it('writes bytes as an escaped bytea hex literal, honouring the view', () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    expect(copyField(bytes)).toBe('\\\\x0001feff');
    expect(copyField(bytes.subarray(2))).toBe('\\\\xfeff');
  });

  it('writes a text array with every element quoted and escaped', () => {
    expect(copyField([])).toBe('{}');
    expect(copyField(['urgent', 'a "b" c', 'back\\slash'])).toBe('{"urgent","a \\\\"b\\\\" c","back\\\\\\\\slash"}');
  });
});
