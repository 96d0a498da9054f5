import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AuditedPage, launchChromium } from './browser';
import { e2eStack } from './stack-context';

const stack = e2eStack();

function makeAdministrator() {
  const suffix = randomBytes(4).toString('hex');
  return {
    organizationName: `Test Organisation ${suffix}`,
    caseReferencePrefix: 'TST',
    adminName: `Test Admin ${suffix}`,
    adminEmail: `admin-${suffix}@example.org`,
    password: `correct horse ${randomBytes(8).toString('hex')}`,
  };
}

describe.skipIf(!stack)('first administrator setup', () => {
  const { webUrl, setupToken, chromiumPath, dataDir } = stack ?? { webUrl: '', setupToken: '', chromiumPath: '', dataDir: '' };
  let browser: Browser;
  let tab: AuditedPage;

  async function setupNeeded(): Promise<boolean> {
    const response = await fetch(`${webUrl}/api/setup/status`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { needed: boolean }).needed;
  }

  async function submitSetup(token: string, administrator: ReturnType<typeof makeAdministrator>): Promise<void> {
    const { page } = tab;
    await page.getByLabel('Setup token').fill(token);
    await page.getByLabel('Organisation name').fill(administrator.organizationName);
    await page.getByLabel('Case reference prefix').fill(administrator.caseReferencePrefix);
    await page.getByLabel('Your name').fill(administrator.adminName);
    await page.getByLabel('Your email address').fill(administrator.adminEmail);
    await page.getByLabel('Password', { exact: true }).fill(administrator.password);
    await page.getByRole('button', { name: 'Create organisation' }).click();
  }

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    tab = await AuditedPage.open(browser);
  });
  afterEach(async () => {
    tab.assertEveryPageAudited();
    await tab.close();
  });

  // One test, because the token works once: each step depends on the one before.
  test('the setup token printed at the first start creates the organisation and its administrator, once', async () => {
    const { page } = tab;
    expect(await setupNeeded()).toBe(true);

    await tab.visit(`${webUrl}/en`);
    expect(new URL(page.url()).pathname).toBe('/en/setup');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Set up Lapata');

    await submitSetup(`wrong-${randomBytes(16).toString('hex')}`, makeAdministrator());
    await page.getByRole('alert').filter({ hasText: 'Please correct the marked fields.' }).waitFor();
    await page.getByText('This setup token is not valid. Check it against the server console.').waitFor();
    expect(await page.getByLabel('Setup token').getAttribute('aria-invalid')).toBe('true');
    await tab.audit();
    expect(await setupNeeded()).toBe(true);

    const administrator = makeAdministrator();
    await submitSetup(setupToken, administrator);
    await page.getByRole('heading', { name: 'Setup complete' }).waitFor();
    await tab.audit();
    expect(await setupNeeded()).toBe(false);
    // The other files sign in as this administrator (the sequencer runs this file first).
    await writeFile(join(dataDir, 'admin.json'), JSON.stringify({ email: administrator.adminEmail, password: administrator.password }));

    await page.reload();
    await page.getByRole('heading', { name: 'Setup is already complete' }).waitFor();
    expect(await page.getByLabel('Setup token').count()).toBe(0);
    await tab.audit();

    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.waitForURL(`${webUrl}/en/login`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await tab.audit();

    // With an organisation, the start page leads to sign-in instead of setup.
    await tab.visit(`${webUrl}/en`);
    expect(new URL(page.url()).pathname).toBe('/en/login');
  });

  test('the sign-in page renders its form', async () => {
    const { page } = tab;
    await tab.visit(`${webUrl}/en/login`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Email address').getAttribute('type')).toBe('email');
    expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
