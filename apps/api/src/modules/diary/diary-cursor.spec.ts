import { describe, expect, it } from 'vitest';
import { decodeDiaryCursor, encodeDiaryCursor } from './diary-cursor';

describe('diary cursor', () => {
  it('reads back what it wrote', () => {
    const cursor = {
      occurredFrom: new Date('1994-06-12T00:00:00.000Z'),
      createdAt: new Date('2026-11-25T10:11:12.345Z'),
      id: '0193a0c4-7a31-7cc2-9b1e-3f6a2b1c4d5e',
    };
    expect(decodeDiaryCursor(encodeDiaryCursor(cursor))).toEqual(cursor);
  });

  it('refuses anything else', () => {
    expect(decodeDiaryCursor('not-a-cursor')).toBeNull();
    expect(decodeDiaryCursor(Buffer.from('1994-06-12|yesterday|x').toString('base64url'))).toBeNull();
    expect(decodeDiaryCursor(Buffer.from('1994-6-12|2026-11-25T10:11:12.345Z|0193a0c4-7a31-7cc2-9b1e-3f6a2b1c4d5e').toString('base64url'))).toBeNull();
  });
});
