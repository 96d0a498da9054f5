import type { Readable } from 'node:stream';
import { Logger, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { EncryptedFileService } from './encrypted-file.service';

const logger = new Logger('Download');

export interface Download {
  content: Readable;
  mimeType: string;
  sizeBytes: number;
  /** A generic name made by the server (never the uploader's file name): `LPT-2026-0007-order-v2.pdf`. */
  fileName: string;
  disposition: 'inline' | 'attachment';
}

/**
 * `sandbox` (no script, no same-origin rights) for everything, except a PDF shown inline: browsers
 * refuse to start their PDF viewer in a sandboxed document, so there the policy forbids scripts,
 * form posts and every load instead, and the viewer (PDFium, pdf.js) runs the PDF's own scripts, if
 * any, in its own sandbox rather than on our origin. Nothing may frame the file but our own pages.
 */
export function contentSecurityPolicy(download: Pick<Download, 'mimeType' | 'disposition'>): string {
  if (download.disposition === 'inline' && download.mimeType === 'application/pdf') {
    return "default-src 'none'; script-src 'none'; object-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";
  }
  return "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'self'";
}

/**
 * Sends a decrypted file with headers that keep a hostile document harmless: its declared type only
 * (nosniff), a sandboxed CSP without scripts (a PDF or SVG cannot run code on our origin), never
 * cached, and a server-made file name.
 */
export function sendDownload(response: Response, download: Download): StreamableFile {
  const inline = download.disposition === 'inline';
  response.setHeader('Content-Type', download.mimeType);
  response.setHeader('Content-Length', String(download.sizeBytes));
  response.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${download.fileName}"`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(download));
  // The web shows inline previews in a frame of its own origin; the API's default denies all framing.
  response.setHeader('X-Frame-Options', 'SAMEORIGIN');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  const file = new StreamableFile(download.content);
  file.setErrorHandler((error, res) => {
    // The file turned out damaged after the answer started: cut the connection so the client sees
    // an incomplete download (Content-Length) rather than a complete-looking, truncated one.
    logger.error({ err: error }, 'A download failed part-way');
    res.destroy?.();
  });
  return file;
}

/**
 * Blobs to delete once the response is known: those written by a request that then failed, and
 * those of rows a successful request deleted. Runs on 'finish' only (status final, transaction
 * over); a client that disconnects first leaves the blob in place (ciphertext no row points to is
 * harmless, a row pointing to a deleted blob is not).
 */
export class BlobCleanup {
  private readonly onFailure: string[] = [];
  private readonly onSuccess: string[] = [];

  constructor(response: Response, files: EncryptedFileService) {
    response.once('finish', () => {
      const keys = response.statusCode < 400 ? this.onSuccess : this.onFailure;
      for (const key of keys) void files.remove(key);
    });
  }

  /** A blob just stored for a row this request creates. */
  removeIfFails(storageKey: string): void {
    this.onFailure.push(storageKey);
  }

  /** The blob of a row this request deletes. */
  removeIfSucceeds(storageKey: string): void {
    this.onSuccess.push(storageKey);
  }
}
