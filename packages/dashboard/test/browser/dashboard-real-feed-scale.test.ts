import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SchedulerV1 } from '@jq/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardServer, type DashboardServer } from '../../src/index.js';
import { launchChromium, openPage, screenshotDirectory, type OpenedPage } from '../support/dashboard-browser.js';
import { feedFixture } from '../support/feed-fixture.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const size = 1_000;

let browser: Browser;
let server: DashboardServer | undefined;
let opened: OpenedPage | undefined;
let driver: NodeJS.Timeout | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  clearInterval(driver);
  await opened?.close();
  await server?.close();
  await browser?.close();
});

/**
 * The real feed and server over a real job table of 1,000 jobs and 1,000 workers that keep
 * changing (the system clock: the feed coalesces for real), measured from the browser.
 */
describe('the real feed with 1,000 jobs and 1,000 workers', () => {
  it('keeps the page responsive to input while updates flow, and passes axe-core', async () => {
    const fixture = feedFixture({ clock: 'system' });
    const { table, scheduler, work } = fixture;
    for (let index = 0; index < size; index += 1) {
      table.add({ key: `demo-${index}`, id: String(9_000_000 + index), pool: index % 4 === 0 ? 'gpu' : 'default', index, walltime: 3_600 });
      table.applyStatus(`demo-${index}`, index % 5 === 0 ? { state: 'queued', native: 'PD', reason: 'Priority' } : { state: 'running', native: 'R' });
      scheduler.connect(`demo-${index}`, 0, index % 3);
      work.perWorker.set(`demo-${index}-0`, { tasksDone: index, tasksFailed: 0 });
    }
    server = await startDashboardServer({ cluster: { view: fixture.view, scheduler: scheduler as unknown as SchedulerV1 }, token: 'a-token-for-the-scale-test', work });
    let round = 0;
    // 100 job changes and every worker's counters every 100 ms: far more than a real cluster.
    driver = setInterval(() => {
      round += 1;
      for (let change = 0; change < 100; change += 1) {
        const index = (round * 100 + change) % size;
        table.applyStatus(`demo-${index}`, { state: 'queued', native: 'PD', reason: round % 2 === 0 ? 'Priority' : 'Resources' });
        const figures = work.perWorker.get(`demo-${index}-0`);
        if (figures) figures.tasksDone += 1;
      }
      work.finish(1_000);
    }, 100);

    opened = await openPage(browser, server.urlWithToken, { bypassCSP: true });
    const { page } = opened;
    await page.getByRole('table', { name: /Batch jobs/ }).waitFor({ timeout: 30_000 });
    await page.locator('#workers-table tbody tr').first().waitFor();
    const latencies: number[] = [];
    for (let sample = 0; sample < 12; sample += 1) {
      const header = page.locator('#jobs-table thead th').filter({ hasText: sample % 2 === 0 ? 'Runtime' : 'Job' }).getByRole('button');
      await header.waitFor();
      latencies.push(
        await header.evaluate(async (button) => {
          const start = performance.now();
          (button as HTMLButtonElement).click();
          // Handled, rendered and painted: the next frame after the click.
          await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - start;
        }),
      );
      await page.waitForTimeout(150);
    }
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)] ?? Number.POSITIVE_INFINITY;
    process.stdout.write(`[dashboard] input latency with ${size} jobs and ${size} workers under updates: median ${median.toFixed(0)} ms, slowest ${latencies.at(-1)?.toFixed(0)} ms\n`);
    // Generous: a shared 2-core machine; a page that stalls on updates takes seconds.
    expect(median).toBeLessThan(500);
    expect(latencies.at(-1)).toBeLessThan(2_000);
    await expect.poll(() => page.locator('#work .chart-description').first().innerText(), { timeout: 10_000 }).toMatch(/peak [1-9]/);
    await page.screenshot({ path: `${screenshotDirectory}real-feed-1000.png` });

    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return result.violations.map((violation) => violation.id);
    });
    expect(violations).toEqual([]);
    expect(opened.errors).toEqual([]);
  }, 180_000);
});
