import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDecryptStream } from '@lapata/crypto';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { jpegWithGps, pdf, png } from '../../testing/upload-files';
import { CaseKeyService } from '../people/case-key.service';
import { DatabaseContext } from '../../database/database-context';
import { photoContext } from './photo.service';

async function blobCount(directory: string): Promise<number> {
  const entries = await readdir(join(directory, 'blobs'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

describe("the missing person's photos", () => {
  let t: TestApp;
  let storageDir: string;
  let orgId: string;
  let cookie: string;
  let caseworkerId: string;
  let strangerCookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const caseWithPerson = async (): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    const caseId = created.body.id as string;
    const person = await request(t.http)
      .put(`/cases/${caseId}/person`)
      .set(origin())
      .set('Cookie', cookie)
      .send({ fullNameLatin: 'Sajid Baloch' });
    expect(person.status).toBe(200);
    return caseId;
  };
  const upload = (caseId: string, file: Buffer, as = cookie, contentType = 'image/jpeg') =>
    request(t.http).post(`/cases/${caseId}/person/photos`).set(origin()).set('Cookie', as).attach('file', file, { filename: 'DSC_0042.jpg', contentType });
  const writes = async (caseId: string) => ({
    photos: await t.database.prisma.photo.count({ where: { missingPerson: { caseId } } }),
    blobs: await blobCount(storageDir),
  });

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'lapata-photos-'));
    t = await startTestApp({ env: { LAPATA_STORAGE_DIR: storageDir } });
    orgId = (await makeOrg(t)).id;
    caseworkerId = (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id;
    cookie = await signIn(t, caseworkerId, orgId);
    const otherOrg = (await makeOrg(t)).id;
    strangerCookie = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);
  });

  afterAll(async () => {
    await t?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('stores a photo without its EXIF/GPS metadata, encrypted, lists, shows and deletes it, audited', async () => {
    const caseId = await caseWithPerson();
    const original = await jpegWithGps();
    const created = await upload(caseId, original);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), mimeType: 'image/jpeg', sizeBytes: expect.any(Number), createdAt: expect.any(String) });
    const photoId = created.body.id as string;

    // The stored blob itself, decrypted with the case key: a JPEG with no EXIF and no GPS.
    const row = await t.database.prisma.photo.findUniqueOrThrow({ where: { id: photoId } });
    const ciphertext = await readFile(join(storageDir, 'blobs', row.storageKey));
    expect(ciphertext.includes(Buffer.from('PhoneMaker'))).toBe(false);
    const keys = await t.app.get(DatabaseContext).run({ organizationId: orgId, userId: caseworkerId }, () => t.app.get(CaseKeyService).allKeys(caseId));
    const decrypt = createDecryptStream(keys, photoContext(orgId, caseId, photoId));
    const plaintext = await new Promise<Buffer>((done, fail) => {
      const chunks: Buffer[] = [];
      decrypt.on('data', (chunk: Buffer) => chunks.push(chunk));
      decrypt.on('end', () => done(Buffer.concat(chunks)));
      decrypt.on('error', fail);
      decrypt.end(ciphertext);
    });
    const stored = await sharp(plaintext).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(stored.exif).toBeUndefined();
    expect(plaintext.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(plaintext.includes(Buffer.from('GPS'))).toBe(false);

    const list = await request(t.http).get(`/cases/${caseId}/person/photos`).set('Cookie', cookie);
    expect(list.body).toEqual({ items: [created.body] });
    const shown = await request(t.http).get(`/cases/${caseId}/person/photos/${photoId}`).set('Cookie', cookie).buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(shown.status).toBe(200);
    expect(Buffer.compare(shown.body as Buffer, plaintext)).toBe(0);
    expect(shown.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': 'inline; filename="photo.jpg"',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });

    const deleted = await request(t.http).delete(`/cases/${caseId}/person/photos/${photoId}`).set(origin()).set('Cookie', cookie);
    expect(deleted.status).toBe(204);
    expect(await t.database.prisma.photo.count({ where: { id: photoId } })).toBe(0);
    // The blob goes once the response has finished (after the commit), not before it.
    await vi.waitFor(() => expect(readFile(join(storageDir, 'blobs', row.storageKey))).rejects.toThrow(/ENOENT/));
    expect((await request(t.http).get(`/cases/${caseId}/person/photos/${photoId}`).set('Cookie', cookie)).status).toBe(404);

    const events = await t.database.prisma.auditEvent.findMany({ where: { caseId, entity: 'photo' }, orderBy: { seq: 'asc' }, select: { action: true, entityId: true } });
    expect(events.map((event) => event.action)).toEqual(['create', 'list', 'download', 'delete']);
    expect(JSON.stringify(events)).not.toContain('DSC_0042');
  });

  it('keeps PNG as PNG and refuses PDFs, empty and oversized files, writing nothing', async () => {
    const caseId = await caseWithPerson();
    expect((await upload(caseId, await png(), cookie, 'image/png')).body.mimeType).toBe('image/png');
    const before = await writes(caseId);

    const notImage = await upload(caseId, pdf(), cookie, 'image/jpeg');
    expect(notImage.status).toBe(400);
    expect(notImage.body.error.fields).toEqual({ file: ['This file is not a JPEG, PNG or WebP image.'] });
    const empty = await upload(caseId, Buffer.alloc(0));
    expect(empty.body.error.fields).toEqual({ file: ['The file is empty.'] });
    const huge = Buffer.concat([await jpegWithGps(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await upload(caseId, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toBe('The file is larger than 10 MB.');
    expect(await writes(caseId)).toEqual(before);
  });

  it('needs a recorded person, and answers 404 to another organisation', async () => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    const noPerson = await upload(created.body.id as string, await jpegWithGps());
    expect(noPerson.status).toBe(409);
    expect(noPerson.body.error.message).toBe('Record the missing person before adding photos.');

    const caseId = await caseWithPerson();
    const photoId = (await upload(caseId, await jpegWithGps())).body.id as string;
    const before = await writes(caseId);
    for (const response of [
      await request(t.http).get(`/cases/${caseId}/person/photos`).set('Cookie', strangerCookie),
      await request(t.http).get(`/cases/${caseId}/person/photos/${photoId}`).set('Cookie', strangerCookie),
      await request(t.http).delete(`/cases/${caseId}/person/photos/${photoId}`).set(origin()).set('Cookie', strangerCookie),
      await upload(caseId, await jpegWithGps(), strangerCookie),
    ]) {
      expect(response.status).toBe(404);
    }
    expect(await writes(caseId)).toEqual(before);
  });
});
