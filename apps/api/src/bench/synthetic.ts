import { randomFillSync } from 'node:crypto';

/**
 * Clearly synthetic values for the benchmark database: names are random pairings of common Urdu
 * given names and family names with their usual Latin transliteration, national ID numbers use the
 * 99999 prefix that no CNIC office issues, every email ends in `.invalid`, and every free text says
 * that it is synthetic. No value describes a real person.
 */

/** A small seeded generator (mulberry32): the same seed gives the same database shape. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Picks a key by weight: `{ MISSING: 70, RELEASED: 10 }`. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }
}

type NamePair = readonly [urdu: string, latin: string];

const MALE_NAMES: readonly NamePair[] = [
  ['محمد', 'Muhammad'], ['احمد', 'Ahmed'], ['علی', 'Ali'], ['حسن', 'Hassan'], ['حسین', 'Hussain'],
  ['عمران', 'Imran'], ['بلال', 'Bilal'], ['فیصل', 'Faisal'], ['زاہد', 'Zahid'], ['شاہد', 'Shahid'],
  ['کامران', 'Kamran'], ['عارف', 'Arif'], ['نوید', 'Naveed'], ['طارق', 'Tariq'], ['خالد', 'Khalid'],
  ['سلیم', 'Saleem'], ['جاوید', 'Javed'], ['عبداللہ', 'Abdullah'], ['یوسف', 'Yousaf'], ['اسلم', 'Aslam'],
  ['جمیل', 'Jameel'], ['ناصر', 'Nasir'], ['رشید', 'Rasheed'], ['شریف', 'Sharif'], ['اکبر', 'Akbar'],
];

const FEMALE_NAMES: readonly NamePair[] = [
  ['فاطمہ', 'Fatima'], ['عائشہ', 'Ayesha'], ['زینب', 'Zainab'], ['مریم', 'Maryam'], ['صائمہ', 'Saima'],
  ['نسرین', 'Nasreen'], ['رخسانہ', 'Rukhsana'], ['شازیہ', 'Shazia'], ['سمیرا', 'Sameera'], ['حمیرا', 'Humaira'],
];

const FAMILY_NAMES: readonly NamePair[] = [
  ['بلوچ', 'Baloch'], ['خان', 'Khan'], ['شاہ', 'Shah'], ['مری', 'Marri'], ['بگٹی', 'Bugti'],
  ['مینگل', 'Mengal'], ['قریشی', 'Qureshi'], ['ملک', 'Malik'], ['چوہدری', 'Chaudhry'], ['بٹ', 'Butt'],
  ['رند', 'Rind'], ['لانگو', 'Lango'], ['زہری', 'Zehri'], ['یوسفزئی', 'Yousafzai'], ['آفریدی', 'Afridi'],
  ['میمن', 'Memon'], ['سومرو', 'Soomro'], ['جتوئی', 'Jatoi'], ['عباسی', 'Abbasi'], ['کاکڑ', 'Kakar'],
];

const CITIES = ['Quetta', 'Karachi', 'Turbat', 'Gwadar', 'Khuzdar', 'Peshawar', 'Islamabad', 'Lahore', 'Hyderabad', 'Panjgur'];

export interface SyntheticName {
  native: string;
  latin: string;
}

/** A full name in Urdu script with its Latin transliteration (given name + one or two family names). */
export function syntheticName(random: Random, sex: 'MALE' | 'FEMALE'): SyntheticName {
  const given = random.pick(sex === 'MALE' ? MALE_NAMES : FEMALE_NAMES);
  const parts: NamePair[] = [given];
  if (random.chance(0.4)) parts.push(random.pick(MALE_NAMES));
  parts.push(random.pick(FAMILY_NAMES));
  return { native: parts.map(([urdu]) => urdu).join(' '), latin: parts.map(([, latin]) => latin).join(' ') };
}

/** A CNIC-shaped number in the 99999 range, which is not issued: unmistakably synthetic. */
export function syntheticCnic(random: Random, sex: 'MALE' | 'FEMALE'): string {
  const middle = String(random.int(0, 9_999_999)).padStart(7, '0');
  const last = random.int(0, 4) * 2 + (sex === 'MALE' ? 1 : 0);
  return `99999-${middle}-${last}`;
}

export function syntheticPhone(random: Random): string {
  return `+92 300 ${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

export function syntheticCity(random: Random): string {
  return random.pick(CITIES);
}

/** Free text that says what it is, in the language the field would hold. */
export const SYNTHETIC_NOTE = 'Synthetic benchmark record — not a real person. مصنوعی ریکارڈ — حقیقی شخص نہیں۔';

const idPool = Buffer.allocUnsafe(16 * 4096);
let idPoolOffset = idPool.length;

/**
 * A UUIDv7 like `uuidv7` from @lapata/db, with its random bits taken from a pooled buffer: one
 * randomBytes call per id was the seed's largest cost (millions of ids).
 */
export function pooledUuidv7(now: number): string {
  if (idPoolOffset + 16 > idPool.length) {
    randomFillSync(idPool);
    idPoolOffset = 0;
  }
  const bytes = idPool.subarray(idPoolOffset, idPoolOffset + 16);
  idPoolOffset += 16;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
