import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuditedPage, launchChromium } from './browser';
import { e2eStack } from './stack-context';

const stack = e2eStack();

/** The smallest PDF the upload accepts: a header, one empty page and a trailer. */
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe.skipIf(!stack)('case record pages on a small phone, in English and Urdu', () => {
  const { webUrl, dataDir, chromiumPath } = stack ?? { webUrl: '', dataDir: '', chromiumPath: '' };
  let browser: Browser;
  let tab: AuditedPage;
  let page: Page;
  const problems: string[] = [];
  let signedIn = false;
  // While a step submits input the API must refuse, its 400 answer is expected.
  let refusalExpected = false;

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath);
    tab = await AuditedPage.open(browser);
    page = tab.page;
    await page.setViewportSize({ width: 360, height: 740 });
    page.on('console', (message) => {
      // Signed out, the header's probes (session menu, organisation switcher) are answered 401,
      // which Chromium reports as an error.
      const resource = new URL(message.location().url || 'about:blank').pathname;
      const sessionProbe = ['/api/auth/session', '/api/account/organizations'].includes(resource) && message.text().includes('401');
      const refusal = refusalExpected && resource.startsWith('/api/') && message.text().includes('status of 400');
      if (message.type() === 'error' && !(sessionProbe && !signedIn) && !refusal) problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  });
  afterAll(async () => {
    await tab?.close();
    await browser?.close();
  });

  /** What every page must pass: no console errors, nothing wider than the screen, axe-core. */
  async function checkPage(): Promise<void> {
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(widths.inner);
    await tab.audit();
    expect(problems).toEqual([]);
  }

  /** Opens a page by its address: HTTP 200, its main heading shown, then the checks. */
  async function open(path: string, shows: string[] = []): Promise<void> {
    const response = await page.goto(`${webUrl}${path}`);
    expect(response?.status(), path).toBe(200);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // Audit trails load in the browser: wait for their entries, which must include ours.
    if (path.endsWith('/audit')) await page.locator('main ol > li').first().waitFor();
    // What was recorded shows (some pages load their lists in the browser, hence the waiting).
    for (const shown of shows) await page.locator('main').getByText(shown).first().waitFor({ timeout: 10_000 });
    await checkPage();
  }

  async function signIn(): Promise<void> {
    const admin = JSON.parse(await readFile(join(dataDir, 'admin.json'), 'utf8')) as { email: string; password: string };
    await open('/en/login');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    signedIn = true;
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The organisation does not require a second factor by default: the password leads home.
    await page.waitForURL(`${webUrl}/en/app`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await checkPage();
  }

  async function saved(text: string): Promise<void> {
    await page.getByText(text, { exact: true }).first().waitFor();
    await checkPage();
  }

  test('a caseworker records a case on every tab; each page works at 360 px in both languages', async () => {
    await signIn();

    await open('/en/cases/new');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.waitForURL(/\/en\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await checkPage();
    const casePath = (locale: string, tabPath = '') => `/${locale}/cases/${caseId}${tabPath}`;

    // The missing person: names in both scripts, a CNIC and a partial date of birth.
    await open(casePath('en', '/person'));
    await page.getByLabel('Full name in English letters').fill('Imran Ali');
    await page.getByLabel('Full name in Urdu script').fill('عمران علی');
    await page.getByLabel('Country that issued the ID').fill('PK');
    await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Date', { exact: true }).fill('1970-03');
    // A CNIC with a digit missing is refused, next to the field.
    await page.getByLabel('National ID number').fill('12345-123456-1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct the marked fields.' }).waitFor();
    expect(await page.getByLabel('National ID number').getAttribute('aria-invalid')).toBe('true');
    await checkPage();
    await page.getByLabel('National ID number').fill('12345-1234567-1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved('The details were saved.');

    await open(casePath('en', '/disappearance'));
    const lastSeen = page.getByRole('group', { name: 'Last seen' });
    await lastSeen.getByLabel('This is a range (between two dates)').check();
    // A range that ends before it starts is refused.
    await lastSeen.getByLabel('From', { exact: true }).fill('1994-08');
    await lastSeen.getByLabel('To', { exact: true }).fill('1994-06');
    refusalExpected = true;
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Some fields need attention.' }).waitFor();
    expect(await lastSeen.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    refusalExpected = false;
    await checkPage();
    await lastSeen.getByLabel('From', { exact: true }).fill('1994-06');
    await lastSeen.getByLabel('To', { exact: true }).fill('1994-08');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await saved('Saved.');

    await open(casePath('en', '/relatives'));
    const relative = page.getByRole('form', { name: 'Add a relative' });
    await relative.getByLabel('Relationship').selectOption({ label: 'Mother' });
    await relative.getByLabel('Name').fill('Zainab Bibi');
    await relative.getByRole('button', { name: 'Add relative' }).click();
    await saved('Relative added.');

    await open(casePath('en', '/diary'));
    const entry = page.getByRole('form', { name: 'Add a diary entry' });
    await entry.getByLabel('Kind').selectOption({ label: 'Visit' });
    await entry.getByRole('group', { name: 'When' }).getByLabel('Date', { exact: true }).fill('2024-01-15');
    await entry.getByLabel('What happened').fill('Visited the family at home.');
    await entry.getByRole('button', { name: 'Add entry' }).click();
    await saved('Entry added.');

    await open(casePath('en', '/proceedings'));
    await page.getByText('Add a forum', { exact: true }).click();
    const forumKind = page.getByLabel('Kind of forum');
    await forumKind.selectOption({ index: 1 });
    await page.getByLabel('Name of the court or body').fill('Sindh High Court');
    await page.getByRole('button', { name: 'Add forum' }).click();
    await saved('The forum was added.');
    await page.getByLabel('Forum', { exact: true }).selectOption({ index: 0 });
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Petition' });
    await page.getByLabel('Case number').fill('C.P. No. D-1234 of 2019');
    await page.getByRole('button', { name: 'Add proceeding' }).click();
    await saved('The proceeding was added.');
    await page.getByRole('link', { name: 'Petition — Sindh High Court' }).click();
    await page.waitForURL(/\/proceedings\/[0-9a-f-]{36}$/);
    const proceedingPath = new URL(page.url()).pathname.replace(/^\/en/, '');
    await page.getByRole('heading', { name: 'Add a hearing' }).waitFor();
    await checkPage();
    await page.getByLabel('Date and time at the forum').fill('2030-01-15T10:00');
    await page.getByRole('button', { name: 'Add hearing' }).click();
    await saved('The hearing was added.');

    await open(casePath('en', '/documents'));
    await page.getByLabel('Kind of document').selectOption({ label: 'Petition' });
    await page.getByLabel('Title', { exact: true }).fill('Petition copy');
    await page.locator('input[type="file"]').first().setInputFiles({ name: 'petition.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await saved('The document was saved.');

    // A second case, opened by mistake and deleted: it waits in "Deleted cases".
    await open('/en/cases/new');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.waitForURL((url) => /\/en\/cases\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(caseId));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await checkPage();
    await page.getByRole('button', { name: 'Delete case…' }).click();
    await page.getByLabel('Reason for deleting').fill('Opened twice by mistake; the family has one case.');
    await page.getByRole('button', { name: 'Delete case…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, delete this case' }).click();
    await page.getByRole('status').filter({ hasText: 'The case was deleted.' }).waitFor();
    await checkPage();

    // Every tab again, in both languages, each showing what was recorded on it.
    const tabs: [string, string[]][] = [
      ['', []],
      ['/person', ['Imran Ali', 'عمران علی', '12345-1234567-1', '1970-03']],
      ['/disappearance', ['1994-06 – 1994-08']],
      ['/relatives', ['Zainab Bibi']],
      ['/diary', ['Visited the family at home.']],
      ['/proceedings', ['C.P. No. D-1234 of 2019', 'Sindh High Court']],
      [proceedingPath.replace(`/cases/${caseId}`, ''), ['C.P. No. D-1234 of 2019', '2030']],
      ['/documents', ['Petition copy']],
      ['/access', []],
      ['/audit', []],
      ['/summary', ['Imran Ali', '1994-06 – 1994-08', 'C.P. No. D-1234 of 2019', 'Visited the family at home.']],
    ];
    for (const locale of ['en', 'ur']) {
      for (const [path, shows] of tabs) await open(casePath(locale, path), shows);
      // The summary is meant for printing: it fits the page as printed too.
      await page.emulateMedia({ media: 'print' });
      await checkPage();
      await page.emulateMedia({ media: 'screen' });
      await open(`/${locale}/hearings`);
      await open(`/${locale}/hearings?month=2030-01`, ['Sindh High Court']);
      for (const path of ['/app', '/organization/audit']) await open(`/${locale}${path}`);
      await open(`/${locale}/organization/deleted-cases`, ['Opened twice by mistake; the family has one case.']);
    }
    tab.assertEveryPageAudited();
  }, 180_000);
});
