import { IdSchema } from '@lapata/contracts';
import type { DiaryCursor } from './diary.repository';

/** An opaque keyset cursor: the last entry's occurred day, creation time and id. */
export function encodeDiaryCursor(cursor: DiaryCursor): string {
  const text = [cursor.occurredFrom.toISOString().slice(0, 10), cursor.createdAt.toISOString(), cursor.id].join('|');
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function decodeDiaryCursor(cursor: string): DiaryCursor | null {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3) return null;
  const [day, created, id] = parts as [string, string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const occurredFrom = new Date(`${day}T00:00:00.000Z`);
  const createdAt = new Date(created);
  if (Number.isNaN(occurredFrom.getTime()) || Number.isNaN(createdAt.getTime()) || !IdSchema.safeParse(id).success) return null;
  return { occurredFrom, createdAt, id };
}
