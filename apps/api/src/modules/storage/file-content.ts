import { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';
import sharp from 'sharp';
import { ValidationError } from '../../common/errors/api-error';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_TYPES = ['application/pdf', ...IMAGE_TYPES, DOCX_MIME] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const EXTENSIONS: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  [DOCX_MIME]: 'docx',
};

/** Decoded pixels above this are refused before decoding (a small file can unpack to gigabytes). */
const MAX_IMAGE_PIXELS = 50_000_000;

export function isImageType(type: string): type is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}

/**
 * The file's real type, read from its first bytes (and, for DOCX, from the zip's entries), never
 * from its name or the type the browser declared. Consumes the stream.
 */
export async function detectType<T extends string>(content: Readable, allowed: readonly T[], what: string): Promise<T> {
  const detected = await fileTypeFromStream(Readable.toWeb(content) as ReadableStream<Uint8Array>);
  content.destroy();
  if (!detected || !(allowed as readonly string[]).includes(detected.mime)) {
    throw new ValidationError({ file: [`This file is not ${what}.`] }, `This file is not ${what}.`);
  }
  return detected.mime as T;
}

/**
 * Re-encodes an image without its metadata: EXIF (camera, time, GPS position), XMP, IPTC and
 * comments are dropped, and the orientation is applied to the pixels so nothing is lost by
 * dropping it. The whole image is in memory here (at most the upload limit).
 */
export async function stripImageMetadata(image: Buffer, type: ImageType): Promise<Buffer> {
  try {
    const pipeline = sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
    if (type === 'image/jpeg') return await pipeline.jpeg({ quality: 90, mozjpeg: false }).toBuffer();
    if (type === 'image/png') return await pipeline.png().toBuffer();
    return await pipeline.webp({ quality: 90 }).toBuffer();
  } catch {
    throw new ValidationError({ file: ['This image is damaged or too large to open.'] }, 'This image is damaged or too large to open.');
  }
}

export async function readAll(content: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
