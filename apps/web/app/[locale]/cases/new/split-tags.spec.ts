import { describe, expect, it } from 'vitest';
import { splitTags } from './split-tags';

describe('splitTags', () => {
  it('splits on Latin and Urdu commas and trims each tag', () => {
    expect(splitTags(' Karachi, habeas corpus ،1995')).toEqual(['Karachi', 'habeas corpus', '1995']);
  });

  it('drops empty tags and repeats', () => {
    expect(splitTags('a,, a ,b,')).toEqual(['a', 'b']);
  });

  it('gives no tags for an empty field', () => {
    expect(splitTags('   ')).toEqual([]);
  });
});
