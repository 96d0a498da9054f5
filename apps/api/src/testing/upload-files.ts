import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import request from 'supertest';
import { signIn } from './factories';
import type { TestApp } from './test-app';

/** A JPEG carrying EXIF with a camera make and a GPS position, as a phone would write it. */
export function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Tracker 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '24/1 51/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '67/1 0/1 36/1' },
    })
    .toBuffer();
}

export function png(width = 16, height = 16): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).png().toBuffer();
}

/** A small valid PDF, padded with a comment to `size` bytes when asked (multi-segment tests). */
export function pdf(size = 0): Buffer {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n';
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  const padding = Math.max(0, size - head.length - tail.length);
  return Buffer.concat([Buffer.from(head), Buffer.from(`%${'x'.repeat(Math.max(0, padding - 2))}\n`.slice(0, padding)), Buffer.from(tail)]);
}

/** A minimal DOCX: a stored (uncompressed) zip with the entries Word and file-type look for. */
export function docx(): Buffer {
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

/** A filing with one stored PDF version, uploaded through the API as `userId`; its id. */
export async function uploadedFiling(t: TestApp, caseId: string, organizationId: string, userId: string): Promise<string> {
  const cookie = await signIn(t, userId, organizationId);
  const response = await request(t.http)
    .post(`/cases/${caseId}/filings`)
    .set('Origin', t.config.publicUrl)
    .set('Cookie', cookie)
    .field('metadata', JSON.stringify({ kind: 'OTHER', title: 'Fixture document' }))
    .attach('file', pdf(), 'fixture.pdf');
  if (response.status !== 201) throw new Error(`Uploading a fixture document answered ${response.status}`);
  return response.body.filing.id as string;
}

/** A stored photo of the case's missing person (recorded empty if there is none yet); its id. */
export async function uploadedPhoto(t: TestApp, caseId: string, organizationId: string, userId: string): Promise<string> {
  await t.database.prisma.missingPerson.upsert({ where: { caseId }, create: { organizationId, caseId }, update: {} });
  const cookie = await signIn(t, userId, organizationId);
  const response = await request(t.http)
    .post(`/cases/${caseId}/person/photos`)
    .set('Origin', t.config.publicUrl)
    .set('Cookie', cookie)
    .attach('file', await png(), 'fixture.png');
  if (response.status !== 201) throw new Error(`Uploading a fixture photo answered ${response.status}`);
  return response.body.id as string;
}
