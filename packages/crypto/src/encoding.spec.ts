import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeParts } from './encoding';

describe('encodeParts', () => {
  it('encodes each part with its byte length, so shifting a separator changes the bytes', () => {
    expect(encodeParts(['a|b', 'c']).equals(encodeParts(['a', 'b|c']))).toBe(false);
    expect(encodeParts(['ab', '']).equals(encodeParts(['a', 'b']))).toBe(false);
    expect(encodeParts(['علی']).toString('hex')).toBe(`00000006${Buffer.from('علی').toString('hex')}`);
  });

  it('refuses a lone surrogate, which UTF-8 would turn into U+FFFD and collide', () => {
    expect(() => encodeParts(['\uD800'])).toThrow(TypeError);
    expect(encodeParts(['😀']).length).toBe(8);
  });
});

describe('decodeBase64', () => {
  it('decodes strict base64 and tolerates surrounding whitespace', () => {
    expect(decodeBase64(' AAEC\n')?.toString('hex')).toBe('000102');
  });

  it('rejects text Buffer.from would silently half-decode', () => {
    expect(decodeBase64('AA*C')).toBeUndefined();
    expect(decodeBase64('AAE')).toBeUndefined();
    expect(decodeBase64('AA-_')).toBeUndefined();
  });
});
