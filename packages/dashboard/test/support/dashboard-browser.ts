import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); the tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

/** Where the tests leave their screenshots (git-ignored). */
export const screenshotDirectory = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Starts headless Chromium with the flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`[jq/dashboard] the browser tests need Debian's Chromium at ${chromiumPath}: apt-get install -y chromium`);
  }
  mkdirSync(screenshotDirectory, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

/** A page in a fresh context, and every console error and uncaught exception it produces. */
export type OpenedPage = { page: Page; errors: string[]; close: () => Promise<void> };

/** How to open a page: window size (1280×800 unless given), colour scheme, and CSP bypass for injected tools. */
export type OpenOptions = { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; bypassCSP?: boolean };

/** Opens `url` in a fresh context and collects its errors. */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // A failed load is recorded with its address from the response below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** The durations (ms) of the page's User Timing measures of that name, oldest first. */
export async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((measureName) => performance.getEntriesByName(measureName, 'measure').map((entry) => entry.duration), name);
}
