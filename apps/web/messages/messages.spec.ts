import { describe, expect, it } from 'vitest';
import { routing } from '../i18n/routing';
import { catalogues as shipped } from './catalogue';

type MessageTree = { [key: string]: string | MessageTree };

function leaves(tree: MessageTree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [childPath, text] of leaves(value, path)) found.set(childPath, text);
  }
  return found;
}

const catalogues: Record<(typeof routing.locales)[number], MessageTree> = shipped;
const { en, ur } = catalogues;

describe('messages', () => {
  const english = leaves(en);
  const urdu = leaves(ur);

  it('has a catalogue for every locale', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...routing.locales].sort());
  });

  it('en and ur have exactly the same keys', () => {
    expect([...urdu.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty message', () => {
    for (const [locale, tree] of Object.entries(catalogues)) {
      for (const [key, text] of leaves(tree)) expect(text.trim(), `${locale}: ${key}`).not.toBe('');
    }
  });

  it('ur is translated: every Urdu message is written in Urdu script', () => {
    for (const [key, text] of urdu) {
      expect(text, key).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('keeps the same {placeholders} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
    for (const [key, text] of english) expect(placeholders(urdu.get(key) ?? ''), key).toEqual(placeholders(text));
  });
});
