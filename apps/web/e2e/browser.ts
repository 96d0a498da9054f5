import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import { chromium, errors, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const failingImpacts = new Set(['serious', 'critical']);

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

function describeViolation(violation: Result): string {
  const targets = violation.nodes.map((node) => node.target.join(' ')).join(', ');
  return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    at ${targets}\n    ${violation.helpUrl}`;
}

/**
 * A page whose every visited address must pass axe-core before the test ends: `audit()` checks
 * the page as it is now, and `assertEveryPageAudited()` fails when a page was left unchecked.
 */
export class AuditedPage {
  private readonly visited = new Set<string>();
  private readonly audited = new Set<string>();

  private constructor(readonly page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.visited.add(frame.url());
    });
  }

  static async open(browser: Browser): Promise<AuditedPage> {
    return new AuditedPage(await browser.newPage());
  }

  /** Opens `url` and audits what it shows. */
  async visit(url: string): Promise<void> {
    await this.page.goto(url);
    await this.audit();
  }

  /**
   * Runs axe-core on the page as it is now and fails on serious or critical violations. The
   * source goes in through the debugging protocol, which the page's Content-Security-Policy (a
   * nonce for every script) does not apply to.
   */
  async audit(): Promise<void> {
    await this.settle();
    await this.page.evaluate(axeSource);
    const results = await this.page.evaluate(() => {
      const { axe } = window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } };
      return axe.run(document);
    });
    this.audited.add(this.page.url());
    const failing = results.violations.filter((violation) => failingImpacts.has(violation.impact ?? ''));
    if (failing.length > 0) {
      console.error(`Accessibility violations on ${this.page.url()}:\n${failing.map(describeViolation).join('\n')}`);
    }
    expect(failing.map((violation) => `${violation.id} (${violation.impact})`), `axe-core on ${this.page.url()}`).toEqual([]);
  }

  /**
   * After a client-side navigation Next.js sets the new page's <title> a moment after the URL and
   * content change; checking before that would report a missing title that no one ever sees. A
   * page that never gets a title is left to axe-core to report.
   */
  private async settle(): Promise<void> {
    await this.page.waitForLoadState('load');
    try {
      await this.page.waitForFunction(() => document.title.trim() !== '', undefined, { timeout: 3000 });
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
    }
  }

  assertEveryPageAudited(): void {
    const unaudited = [...this.visited].filter((url) => !this.audited.has(url) && url !== 'about:blank');
    expect(unaudited, 'pages visited but never checked with axe-core').toEqual([]);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
