import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { docx, jpegWithGps, pdf } from '../../testing/upload-files';
import { BlobStore } from '../storage/blob-store';
import { LocalBlobStore } from '../storage/local-blob-store';

const MAX = 300 * 1024;

async function blobFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(join(directory, 'blobs'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('filings (documents with versions)', () => {
  let t: TestApp;
  let storageDir: string;
  let orgId: string;
  let cookie: string;
  let viewerCookie: string;
  let viewerId: string;
  let strangerCookie: string;
  const origin = () => ({ Origin: t.config.publicUrl });

  const openCase = async (): Promise<string> => {
    const created = await request(t.http).post('/cases').set(origin()).set('Cookie', cookie).send({ tags: [] });
    expect(created.status).toBe(201);
    await makeGrant(t, { caseId: created.body.id as string, userId: viewerId, level: 'VIEW' });
    return created.body.id as string;
  };
  const metadata = (overrides: object = {}) =>
    JSON.stringify({ kind: 'FIR_COPY', title: 'FIR 112/2019 Saddar police station', documentDate: { from: '2019-03', to: null }, ...overrides });
  const upload = (caseId: string, file: Buffer, meta = metadata(), as = cookie, name = 'scan.pdf') =>
    request(t.http).post(`/cases/${caseId}/filings`).set(origin()).set('Cookie', as).field('metadata', meta).attach('file', file, name);
  const writes = async (caseId: string) => ({
    filings: await t.database.prisma.filing.count({ where: { caseId } }),
    versions: await t.database.prisma.filingVersion.count({ where: { filing: { caseId } } }),
    blobs: (await blobFiles(storageDir)).length,
  });

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'lapata-filings-'));
    t = await startTestApp({ env: { LAPATA_STORAGE_DIR: storageDir, LAPATA_MAX_DOCUMENT_BYTES: String(MAX) } });
    orgId = (await makeOrg(t)).id;
    cookie = await signIn(t, (await makeUser(t, { organizationId: orgId, role: 'CASEWORKER' })).id, orgId);
    viewerId = (await makeUser(t, { organizationId: orgId, role: 'FAMILY' })).id;
    viewerCookie = await signIn(t, viewerId, orgId);
    const otherOrg = (await makeOrg(t)).id;
    strangerCookie = await signIn(t, (await makeUser(t, { organizationId: otherOrg, role: 'ORG_ADMIN' })).id, otherOrg);
  });

  afterAll(async () => {
    await t?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  it('stores a document encrypted, lists it, and serves it with safe headers; a new version keeps the old one', async () => {
    const caseId = await openCase();
    const document = pdf();
    const created = await upload(caseId, document);
    expect(created.status).toBe(201);
    const filing = created.body.filing;
    expect(filing).toMatchObject({
      caseId,
      kind: 'FIR_COPY',
      title: 'FIR 112/2019 Saddar police station',
      documentDate: { from: '2019-03', to: null },
      version: 1,
      versions: [{ number: 1, mimeType: 'application/pdf', sizeBytes: document.length }],
    });
    expect(created.body.duplicates).toEqual([]);

    // At rest: a random key, no file name, ciphertext only; the title is encrypted too.
    const version = await t.database.prisma.filingVersion.findFirstOrThrow({ where: { filingId: filing.id } });
    expect(version.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(version.originalNameEnc).toBeNull();
    const stored = await readFile(join(storageDir, 'blobs', version.storageKey));
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored[0]).toBe(0x02);
    const row = await t.database.prisma.filing.findUniqueOrThrow({ where: { id: filing.id } });
    expect(Buffer.from(row.titleEnc).toString('latin1')).not.toContain('Saddar');

    const list = await request(t.http).get(`/cases/${caseId}/filings`).set('Cookie', viewerCookie);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([filing]);

    const downloaded = await request(t.http)
      .get(`/cases/${caseId}/filings/${filing.id}/versions/1/content`)
      .set('Cookie', viewerCookie)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, document)).toBe(0);
    const reference = (await t.database.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).reference;
    expect(downloaded.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${reference}-fir-copy-v1.pdf"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(downloaded.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);

    // Version 2: a photo of the same FIR, EXIF and GPS removed before storage.
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const second = await request(t.http)
      .post(`/cases/${caseId}/filings/${filing.id}/versions`)
      .set(origin())
      .set('Cookie', cookie)
      .attach('file', photo, { filename: 'IMG_2211.jpg', contentType: 'application/pdf' });
    expect(second.status).toBe(201);
    expect(second.body.filing.versions.map((v: { number: number; mimeType: string }) => [v.number, v.mimeType])).toEqual([
      [2, 'image/jpeg'],
      [1, 'application/pdf'],
    ]);
    const inline = await request(t.http)
      .get(`/cases/${caseId}/filings/${filing.id}/versions/2/content?disposition=inline`)
      .set('Cookie', viewerCookie)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(inline.status).toBe(200);
    expect(inline.headers['content-disposition']).toBe(`inline; filename="${reference}-fir-copy-v2.jpg"`);
    const metadataOut = await sharp(inline.body as Buffer).metadata();
    expect(metadataOut.format).toBe('jpeg');
    expect(metadataOut.exif).toBeUndefined();
    expect((inline.body as Buffer).includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect((await request(t.http).get(`/cases/${caseId}/filings/${filing.id}/versions/1/content`).set('Cookie', cookie)).status).toBe(200);
    // An inline PDF: no sandbox (browsers would not start their viewer), but no script, form or load either.
    const inlinePdf = await request(t.http).get(`/cases/${caseId}/filings/${filing.id}/versions/1/content?disposition=inline`).set('Cookie', cookie);
    expect(inlinePdf.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'none'; object-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'",
    );
    expect(inline.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect((await request(t.http).get(`/cases/${caseId}/filings/${filing.id}/versions/3/content`).set('Cookie', cookie)).status).toBe(404);

    const events = await t.database.prisma.auditEvent.findMany({
      where: { caseId, entity: 'filing' },
      orderBy: { seq: 'asc' },
      select: { action: true, fields: true },
    });
    expect(events.map((event) => event.action)).toEqual(['create', 'list', 'download', 'add_version', 'download', 'download', 'download']);
    expect(events[2]!.fields).toEqual(['content.v1']);
    expect(JSON.stringify(events)).not.toMatch(/Saddar|112\/2019|IMG_2211|scan\.pdf/);
  });

  it('accepts DOCX by its content and edits metadata with optimistic versions (409 when stale)', async () => {
    const caseId = await openCase();
    const created = await upload(caseId, docx(), metadata({ kind: 'PETITION', title: 'Writ petition draft', documentDate: null }), cookie, 'petition.docx');
    expect(created.status).toBe(201);
    expect(created.body.filing.versions[0].mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const id = created.body.filing.id as string;
    const patch = (body: object) => request(t.http).patch(`/cases/${caseId}/filings/${id}`).set(origin()).set('Cookie', cookie).send(body);
    const base = { kind: 'PETITION', title: 'Writ petition as filed', documentDate: { from: '2020-01-15', to: null }, issuingForumId: null, proceedingId: null, hearingId: null };
    const updated = await patch({ ...base, version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Writ petition as filed', version: 2, documentDate: { from: '2020-01-15', to: null } });
    const stale = await patch({ ...base, title: 'Other', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const noVersion = await patch(base);
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.fields).toEqual({ version: ['Send the version you last read'] });
    expect((await request(t.http).get(`/cases/${caseId}/filings/${id}`).set('Cookie', cookie)).body.title).toBe('Writ petition as filed');
  });

  it('refuses empty, oversized, mistyped and badly described uploads with clear messages, writing nothing', async () => {
    const caseId = await openCase();
    const before = await writes(caseId);

    const empty = await upload(caseId, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ file: ['The file is empty.'] });

    const tooLarge = await upload(caseId, pdf(MAX + 10));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 307200 bytes.' });

    const lying = await request(t.http)
      .post(`/cases/${caseId}/filings`)
      .set(origin())
      .set('Cookie', cookie)
      .field('metadata', metadata())
      .attach('file', Buffer.from('<html><script>alert(1)</script></html>'), { filename: 'order.pdf', contentType: 'application/pdf' });
    expect(lying.status).toBe(400);
    expect(lying.body.error.fields).toEqual({ file: ['This file is not a PDF, JPEG, PNG, WebP or Word (DOCX) document.'] });

    const noFile = await request(t.http).post(`/cases/${caseId}/filings`).set(origin()).set('Cookie', cookie).field('metadata', metadata());
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.fields.file).toBeDefined();

    const badMeta = await upload(caseId, pdf(), metadata({ title: ' ', kind: 'DIARY', secret: 1 }));
    expect(badMeta.status).toBe(400);
    expect(badMeta.body.error.fields).toEqual({ title: ['Enter a title'], kind: ['Choose a kind of document'], secret: ['Unknown field'] });

    const notJson = await upload(caseId, pdf(), '{');
    expect(notJson.body.error.fields).toEqual({ metadata: ['The document details are not valid JSON.'] });

    const future = await upload(caseId, pdf(), metadata({ documentDate: { from: '2999-01-01', to: null } }));
    expect(future.body.error.fields).toEqual({ 'documentDate.from': ['This date is in the future'] });

    const foreignForum = await upload(caseId, pdf(), metadata({ issuingForumId: '0190f1c2-0000-7000-8000-000000000001', proceedingId: '0190f1c2-0000-7000-8000-000000000002' }));
    expect(foreignForum.status).toBe(400);
    expect(foreignForum.body.error.fields).toEqual({
      issuingForumId: ["Choose one of your organisation's forums"],
      proceedingId: ['Choose a proceeding of this case'],
    });

    const json = await request(t.http).post(`/cases/${caseId}/filings`).set(origin()).set('Cookie', cookie).send({ kind: 'ORDER' });
    expect(json.status).toBe(400);

    // A body that ends in the middle of the file part.
    const truncated = await request(t.http)
      .post(`/cases/${caseId}/filings`)
      .set(origin())
      .set('Cookie', cookie)
      .set('Content-Type', 'multipart/form-data; boundary=cut')
      .send('--cut\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and then nothing');
    expect(truncated.status).toBe(400);
    expect(truncated.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { file: ['The upload was interrupted. Try again.'] } });

    expect(await writes(caseId)).toEqual(before);
  });

  it('warns about the same content already in the case, and stores it anyway', async () => {
    const caseId = await openCase();
    const document = pdf(2000);
    const first = await upload(caseId, document);
    const again = await upload(caseId, document, metadata({ title: 'Second copy' }));
    expect(again.status).toBe(201);
    expect(again.body.duplicates).toEqual([{ filingId: first.body.filing.id, number: 1 }]);
    // Same content in another case of the organisation is not reported to this uploader.
    const otherCase = await openCase();
    expect((await upload(otherCase, document)).body.duplicates).toEqual([]);
  });

  it('answers 404 to another organisation and to a reader who may not contribute, and RLS hides the rows', async () => {
    const caseId = await openCase();
    const created = await upload(caseId, pdf());
    const id = created.body.filing.id as string;
    const before = await writes(caseId);
    for (const response of [
      await request(t.http).get(`/cases/${caseId}/filings`).set('Cookie', strangerCookie),
      await request(t.http).get(`/cases/${caseId}/filings/${id}`).set('Cookie', strangerCookie),
      await request(t.http).get(`/cases/${caseId}/filings/${id}/versions/1/content`).set('Cookie', strangerCookie),
      await upload(caseId, pdf(), metadata(), strangerCookie),
      await request(t.http).post(`/cases/${caseId}/filings/${id}/versions`).set(origin()).set('Cookie', strangerCookie).attach('file', pdf(), 'x.pdf'),
      await upload(caseId, pdf(), metadata(), viewerCookie),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    expect(await writes(caseId)).toEqual(before);

    const stranger = await t.database.prisma.membership.findFirstOrThrow({ where: { organizationId: { not: orgId } }, select: { organizationId: true, userId: true } });
    const app = new pg.Client({ connectionString: t.database.appConnectionString });
    await app.connect();
    try {
      await app.query('begin');
      await app.query(`select set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [stranger.organizationId, stranger.userId]);
      const filings = await app.query(`select count(*)::int as n from filings where case_id = $1`, [caseId]);
      const versions = await app.query(`select count(*)::int as n from filing_versions where organization_id = $1`, [orgId]);
      expect([filings.rows[0].n, versions.rows[0].n]).toEqual([0, 0]);
      await app.query('rollback');
    } finally {
      await app.end();
    }
  });

  it('refuses to serve a tampered blob: cleanly before any byte, or by cutting the connection later', async () => {
    const caseId = await openCase();
    const blobs = t.app.get(BlobStore) as LocalBlobStore;
    const small = await upload(caseId, pdf());
    const smallVersion = await t.database.prisma.filingVersion.findFirstOrThrow({ where: { filingId: small.body.filing.id } });
    const path = blobs.path(smallVersion.storageKey);
    const bytes = await readFile(path);
    bytes[bytes.length - 20]! ^= 0x01;
    await writeFile(path, bytes);
    const damaged = await request(t.http).get(`/cases/${caseId}/filings/${small.body.filing.id}/versions/1/content`).set('Cookie', cookie);
    expect(damaged.status).toBe(500);
    expect(damaged.body.error.message).toBe('The stored copy of this file is damaged and cannot be opened. Report it with the request id.');

    // Damage in the third 64 KiB segment: the answer has started, so the connection is cut short.
    const large = await upload(caseId, pdf(200 * 1024));
    const largeVersion = await t.database.prisma.filingVersion.findFirstOrThrow({ where: { filingId: large.body.filing.id } });
    const largePath = blobs.path(largeVersion.storageKey);
    const largeBytes = await readFile(largePath);
    largeBytes[largeBytes.length - 100]! ^= 0x01;
    await writeFile(largePath, largeBytes);
    const cut = request(t.http).get(`/cases/${caseId}/filings/${large.body.filing.id}/versions/1/content`).set('Cookie', cookie);
    await expect(cut.then((response) => response.status)).rejects.toThrow();
  });

  it('leaves no row and no blob when the client aborts mid-upload', async () => {
    const caseId = await openCase();
    const before = await writes(caseId);
    if (!t.http.listening) await new Promise<void>((done) => t.http.listen(0, '127.0.0.1', done));
    const { port } = t.http.address() as AddressInfo;
    const boundary = 'lapata-test-boundary';
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((done) => socket.once('connect', done));
    const head = [
      `POST /cases/${caseId}/filings HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: ${t.config.publicUrl}`,
      `Cookie: ${cookie}`,
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      `Content-Length: ${250 * 1024}`,
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    socket.write(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${metadata()}\r\n`);
    socket.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    socket.write(pdf(120 * 1024));
    await new Promise((done) => setTimeout(done, 200));
    socket.destroy();
    await new Promise((done) => setTimeout(done, 500));
    expect(await writes(caseId)).toEqual(before);
    expect(await readdir(join(storageDir, 'partial')).catch(() => [])).toEqual([]);
  });
});
