import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as COPY's text format takes it: null, text, a number, a boolean, a date, bytes or a text array. */
export type CopyValue = string | number | bigint | boolean | Date | Uint8Array | readonly string[] | null;

/** One table's rows for one COPY: column names in SQL and rows in the same order. */
export interface CopyBatch {
  table: string;
  columns: readonly string[];
  rows: CopyValue[][];
}

const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const needsEscape = /[\\\n\r\t]/g;

/** A field in COPY's text format (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"). */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return value.replace(needsEscape, (c) => TEXT_ESCAPES[c]!);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  // A text[] literal: every element quoted, with quotes and backslashes escaped for the array
  // syntax, then the whole literal escaped for COPY.
  const literal = `{${value.map((element) => `"${element.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return copyField(literal);
}

function* lines(rows: CopyValue[][], chunkRows = 500): Generator<string> {
  for (let start = 0; start < rows.length; start += chunkRows) {
    let text = '';
    for (const row of rows.slice(start, start + chunkRows)) text += `${row.map(copyField).join('\t')}\n`;
    yield text;
  }
}

/** Streams the rows into the table with one COPY ... FROM STDIN on `client`. */
export async function copyRows(client: pg.ClientBase, batch: CopyBatch): Promise<void> {
  if (batch.rows.length === 0) return;
  const columns = batch.columns.map((column) => `"${column}"`).join(', ');
  const sink = client.query(copyFrom(`COPY "${batch.table}" (${columns}) FROM STDIN`));
  await pipeline(Readable.from(lines(batch.rows)), sink);
}
