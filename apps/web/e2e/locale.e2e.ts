import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AuditedPage, launchChromium } from './browser';
import { e2eStack } from './stack-context';

const stack = e2eStack();

describe.skipIf(!stack)('languages', () => {
  const { webUrl, chromiumPath } = stack ?? { webUrl: '', chromiumPath: '' };
  let browser: Browser;
  let tab: AuditedPage;

  const documentLanguage = () =>
    tab.page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

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

  test('Urdu pages render right to left', async () => {
    await tab.visit(`${webUrl}/ur/login`);
    expect(await documentLanguage()).toEqual({ lang: 'ur', dir: 'rtl' });
    await tab.page.getByRole('heading', { level: 1 }).waitFor();
  });

  test('English pages render left to right', async () => {
    await tab.visit(`${webUrl}/en/login`);
    expect(await documentLanguage()).toEqual({ lang: 'en', dir: 'ltr' });
  });

  test('the language switch moves to the same page in the other language', async () => {
    await tab.visit(`${webUrl}/en/login`);
    await tab.page.getByRole('link', { name: 'اردو' }).click();
    await tab.page.waitForURL(`${webUrl}/ur/login`);
    await expect.poll(documentLanguage).toEqual({ lang: 'ur', dir: 'rtl' });
    await tab.audit();
  });
});
