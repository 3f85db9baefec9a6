import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type OpenedPage, type OpenOptions } from '../support/dashboard-browser.js';
import { makeSnapshot } from '../support/dashboard-data.js';
import { DashboardTestServer } from '../support/dashboard-test-server.js';

// axe-core is injected from the test, so the page runs it with its CSP bypassed (the page itself never inlines a script).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

let browser: Browser;
let server: DashboardTestServer | undefined;
let opened: OpenedPage | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  await opened?.close();
  await server?.close();
  opened = undefined;
  server = undefined;
});

afterAll(async () => {
  await browser?.close();
});

async function violations(options: OpenOptions, plantUnlabelledSelect = false): Promise<string[]> {
  server = await DashboardTestServer.start(makeSnapshot({ jobs: 60, workers: 60, now: Date.now(), daskDashboardUrl: 'http://10.0.0.5:8787/status' }));
  opened = await openPage(browser, server.pageUrl, { ...options, bypassCSP: true });
  const page: Page = opened.page;
  await page.getByRole('figure').first().locator('canvas').first().waitFor();
  // Open one error's text, so the disclosed text is checked as well.
  await page.locator('#failures-table summary').first().click();
  if (plantUnlabelledSelect) await page.evaluate(() => document.querySelector('main')?.append(document.createElement('select')));
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations;
  });
  return (found as AxeViolation[]).map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

describe('accessibility (axe-core, WCAG 2.2 AA and best practices)', () => {
  it('reports a planted fault (the check itself works)', async () => {
    const found = await violations({ colorScheme: 'light' }, true);
    expect(found.map((line) => line.split(' ')[0])).toEqual(['select-name']);
  });

  it('finds nothing in the light scheme at 1280×800', async () => {
    expect(await violations({ colorScheme: 'light' })).toEqual([]);
  });

  it('finds nothing in the dark scheme on a 400 px window', async () => {
    expect(await violations({ colorScheme: 'dark', viewport: { width: 400, height: 800 } })).toEqual([]);
  });
});
