import { describe, expect, it } from 'vitest';
import { generateDataKey, newestKey } from './keys';

describe('newestKey', () => {
  it('picks the highest version wherever it stands, and nothing from an empty list', () => {
    const keys = [2, 5, 1].map((version) => ({ version, key: generateDataKey() }));
    expect(newestKey(keys)).toBe(keys[1]);
    expect(newestKey([])).toBeUndefined();
  });
});
