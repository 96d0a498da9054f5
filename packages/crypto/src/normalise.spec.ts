import { describe, expect, it } from 'vitest';
import {
  formatCnic,
  isCnicFormat,
  nameTokens,
  normaliseCnic,
  normaliseEmail,
  normaliseName,
  normaliseNationalId,
  toAsciiDigits,
} from './normalise';

describe('CNIC', () => {
  it.each([
    ['12345-1234567-1', true],
    ['42101-9876543-2', true],
    ['1234512345671', false],
    ['12345 1234567 1', false],
    ['12345-1234567-12', false],
    ['1234-51234567-1', false],
    ['12345-123456-71', false],
    [' 12345-1234567-1', false],
    ['۱۲۳۴۵-۱۲۳۴۵۶۷-۱', false],
    ['ABCDE-1234567-1', false],
    ['', false],
  ])('isCnicFormat(%j) is %s', (value, expected) => {
    expect(isCnicFormat(value)).toBe(expected);
  });

  it.each([
    ['12345-1234567-1', '1234512345671'],
    ['1234512345671', '1234512345671'],
    ['  12345 1234567 1 ', '1234512345671'],
    ['12345 - 1234567 - 1', '1234512345671'],
    ['12345\u20131234567\u20131', '1234512345671'],
    ['۱۲۳۴۵-۱۲۳۴۵۶۷-۱', '1234512345671'],
    ['١٢٣٤٥-١٢٣٤٥٦٧-١', '1234512345671'],
    ['１２３４５-１２３４５６７-１', '1234512345671'],
  ])('normaliseCnic(%j) is %j', (value, expected) => {
    expect(normaliseCnic(value)).toBe(expected);
  });

  it.each([
    '1234-51234567-1',
    '123451234567',
    '12345123456712',
    '12345-1234567',
    '12-345-1234567-1',
    'KHI-2026-0042',
    '',
    '11-digit-NIC',
  ])('normaliseCnic(%j) is null', (value) => {
    expect(normaliseCnic(value)).toBeNull();
  });

  it('formats the printed form', () => {
    expect(formatCnic('۴۲۱۰۱ ۹۸۷۶۵۴۳ ۲')).toBe('42101-9876543-2');
    expect(formatCnic('42101-987654-32')).toBeNull();
  });
});

describe('national ID numbers of other countries', () => {
  it('upper-cases and drops separators', () => {
    expect(normaliseNationalId(' ab-12.34/5 ', 'IN')).toBe('AB12345');
    expect(normaliseNationalId('12345-1234567-1', 'pk')).toBe('1234512345671');
    expect(normaliseNationalId('12345', 'PK')).toBeNull();
    expect(normaliseNationalId(' - ', 'AF')).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Amina.Baloch@Example.ORG \n')).toBe('amina.baloch@example.org');
    expect(normaliseEmail('   ')).toBeNull();
  });
});

describe('name tokens', () => {
  it('matches Urdu written with Arabic yeh and kaf, harakat, tatweel or presentation forms', () => {
    const expected = ['محمد', 'علی'];
    for (const name of [
      'محمد علی',
      'محمد علي',
      'مُحَمَّد عَلِیؑ',
      'محـــمد  علی',
      'ﻣﺤﻤﺪ ﻋﻠﻲ',
      '\u200Fمحمد علی\u200F',
    ]) {
      expect(nameTokens(name)).toEqual(expected);
    }
    expect(nameTokens('كريم بخش')).toEqual(nameTokens('کریم بخش'));
  });

  it('reduces hamza forms to their carriers and unifies heh and teh marbuta', () => {
    expect(nameTokens('عائشہ')).toEqual(nameTokens('عایشہ'));
    expect(nameTokens('أحمد')).toEqual(nameTokens('احمد'));
    expect(nameTokens('آمنہ')).toEqual(nameTokens('امنہ'));
    expect(nameTokens('ضیاء الحق')).toEqual(nameTokens('ضیا الحق'));
    expect(nameTokens('فاطمة')).toEqual(nameTokens('فاطمہ'));
    expect(nameTokens('عبد‌الله')).toEqual(nameTokens('عبداللہ'));
    expect(nameTokens('بهٹو')).toEqual(nameTokens('بھٹو'));
  });

  it('keeps distinct Urdu names distinct', () => {
    expect(nameTokens('علی')).not.toEqual(nameTokens('عالیہ'));
    expect(nameTokens('ڈاکٹر')).not.toEqual(nameTokens('داکتر'));
    expect(nameTokens('خان')).not.toEqual(nameTokens('خاں'));
  });

  it('folds Latin case, spacing, diacritics and transliteration apostrophes', () => {
    const expected = ['muhammad', 'ali'];
    for (const name of [
      'Muhammad Ali',
      'MUHAMMAD  ALI',
      ' muhammad\tali ',
      'Muḥammad ʿAlī',
      'Muhammad-Ali',
      'Muhammad, Ali.',
    ]) {
      expect(nameTokens(name)).toEqual(expected);
    }
    expect(nameTokens("Sa'eed Ahmed")).toEqual(nameTokens('Sa’eed Ahmed'));
    expect(nameTokens('Saʿīd')).toEqual(['said']);
  });

  it('does not merge transliteration variants: search is exact', () => {
    expect(nameTokens('Mohammad Ali')).not.toEqual(nameTokens('Muhammad Ali'));
  });

  it('returns each token once, keeps titles, and handles both scripts in one name', () => {
    expect(nameTokens('Ali Ali Raza')).toEqual(['ali', 'raza']);
    expect(nameTokens('Syed Ali Shah')).toEqual(['syed', 'ali', 'shah']);
    expect(nameTokens('Ali Raza علی رضا')).toEqual(['ali', 'raza', 'علی', 'رضا']);
    expect(nameTokens(' - ')).toEqual([]);
  });

  it('gives the whole name in canonical form for duplicate detection', () => {
    expect(normaliseName('  GHULAM   Hussain ')).toBe('ghulam hussain');
    expect(normaliseName('غلام حسين')).toBe(normaliseName('غلام حسین'));
    expect(normaliseName('Ali Ali')).toBe('ali ali');
    expect(normaliseName('...')).toBeNull();
  });

  it('reads Urdu and Arabic-Indic digits as ASCII', () => {
    expect(toAsciiDigits('۱۹۹۴ / ١٩٩٤')).toBe('1994 / 1994');
  });
});
