import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { manualKey, newTotpSecret, otpauthUri, qrCodeDataUrl, verifyTotp } from './totp';

const now = new Date('2026-11-25T10:00:10Z');
const step = Math.floor(now.getTime() / 1000 / 30);
const codeAt = (secret: string, atStep: number) => generate({ secret, epoch: atStep * 30 + 5 });

describe('TOTP', () => {
  it('makes a fresh 160-bit base32 secret each time', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    expect(manualKey('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
  });

  it('accepts the current step and one either side, and says which step it was', async () => {
    const secret = newTotpSecret();
    for (const offset of [-1, 0, 1]) {
      expect(await verifyTotp(secret, await codeAt(secret, step + offset), { lastUsedStep: null, now })).toBe(step + offset);
    }
    for (const offset of [-2, 2]) {
      expect(await verifyTotp(secret, await codeAt(secret, step + offset), { lastUsedStep: null, now })).toBeNull();
    }
  });

  it('refuses a code of the last used step or an earlier one', async () => {
    const secret = newTotpSecret();
    const code = await codeAt(secret, step);
    expect(await verifyTotp(secret, code, { lastUsedStep: step - 1, now })).toBe(step);
    expect(await verifyTotp(secret, code, { lastUsedStep: step, now })).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, step - 1), { lastUsedStep: step, now })).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, step + 1), { lastUsedStep: step, now })).toBe(step + 1);
  });

  it('refuses another secret’s code and anything that is not a code', async () => {
    const secret = newTotpSecret();
    expect(await verifyTotp(secret, await codeAt(newTotpSecret(), step), { lastUsedStep: null, now })).toBeNull();
    expect(await verifyTotp(secret, '12345', { lastUsedStep: null, now })).toBeNull();
  });

  it('draws the otpauth URI as an SVG QR code locally', async () => {
    const uri = otpauthUri('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', { issuer: 'Lapata', label: 'a@example.org' });
    expect(uri).toBe('otpauth://totp/Lapata:a%40example.org?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=Lapata');
    const dataUrl = await qrCodeDataUrl(uri);
    expect(dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(dataUrl.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Nothing to fetch: the namespace is its only URL, and it draws no image or link.
    expect(svg.match(/https?:\/\//g)).toEqual(['http://']);
    expect(svg).not.toMatch(/href|<image/);
  });
});
