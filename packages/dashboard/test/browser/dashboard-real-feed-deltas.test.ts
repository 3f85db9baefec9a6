import type { SchedulerV1 } from '@jq/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardServer, type DashboardServer } from '../../src/index.js';
import { launchChromium, openPage, screenshotDirectory, type OpenedPage } from '../support/dashboard-browser.js';
import { feedFixture } from '../support/feed-fixture.js';

const size = 1_000;

let browser: Browser;
let server: DashboardServer | undefined;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  for (const page of opened) await page.close();
  await server?.close();
  await browser?.close();
});

/** The first page of the workers table as shown: each worker's name, running tasks and tasks done. */
async function shownWorkers(page: Page): Promise<Array<[string, number, number]>> {
  return page.locator('#workers-table').evaluate((table) => {
    const headers = [...table.querySelectorAll('thead th')].map((cell) => cell.textContent?.trim() ?? '');
    const column = (label: string) => headers.findIndex((header) => header.startsWith(label));
    const number = (text: string | null | undefined) => Number((text ?? '').replaceAll(',', ''));
    return [...table.querySelectorAll('tbody tr')].map((row) => {
      const cells = row.children;
      return [cells[0]?.textContent?.trim() ?? '', number(cells[column('Running')]?.textContent), number(cells[column('Done')]?.textContent)];
    });
  });
}

/**
 * The real feed's deltas, applied by the page, against what the feed holds: every counter on
 * screen matches, a worker that left and a job dropped from the page are gone, and a fresh
 * client (its full snapshot first) shows the same.
 */
describe('the real feed’s deltas with 1,000 jobs and 1,000 workers', () => {
  it('shows each worker’s counters as the scheduler has them, drops a worker that left and a job that ended out of the page, and a fresh client shows the same', async () => {
    const fixture = feedFixture({ clock: 'system' });
    const { table, scheduler, work } = fixture;
    for (let index = 0; index < size; index += 1) {
      table.add({ key: `demo-${index}`, id: String(9_000_000 + index), pool: 'default', index, walltime: 3_600 });
      table.applyStatus(`demo-${index}`, { state: 'running', native: 'R' });
      scheduler.connect(`demo-${index}`, 0, index % 3);
      work.perWorker.set(`demo-${index}-0`, { tasksDone: index, tasksFailed: 0 });
    }
    server = await startDashboardServer({ cluster: { view: fixture.view, scheduler: scheduler as unknown as SchedulerV1 }, token: 'a-token-for-the-deltas-test', work });
    const first = await openPage(browser, server.urlWithToken);
    opened.push(first);
    await first.page.locator('#workers-table tbody tr').first().waitFor({ timeout: 30_000 });

    // Every worker's counters move for 3 s: the page gets them as compact tuples.
    let round = 0;
    const driver = setInterval(() => {
      round += 1;
      for (const [name, figures] of work.perWorker) figures.tasksDone += name.length + round;
      work.finish(1_000);
    }, 100);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    clearInterval(driver);
    expect(round).toBeGreaterThan(5);
    // A worker leaves; 501 jobs end, and the page keeps the latest 500 ended: demo-1, the first, goes.
    scheduler.disconnect('demo-0-0');
    for (let index = 1; index <= 501; index += 1) table.applyStatus(`demo-${index}`, { state: 'completed', native: 'CD', exitCode: 0 });

    const expected = (rows: Array<[string, number, number]>) =>
      rows.map(([name]): [string, number, number] => [name, Number(/^demo-(\d+)-0$/.exec(name)?.[1]) % 3, work.perWorker.get(name)?.tasksDone ?? -1]);
    const check = async (page: Page) => {
      await expect.poll(() => page.locator('#workers-table caption').innerText(), { timeout: 15_000 }).toBe('Workers (1–50 of 999)');
      await expect.poll(() => page.locator('#jobs-table caption').innerText(), { timeout: 15_000 }).toBe('Batch jobs (1–50 of 999)');
      const rows = await shownWorkers(page);
      expect(rows).toHaveLength(50);
      expect(rows.map(([name]) => name)).not.toContain('demo-0-0');
      expect(rows).toEqual(expected(rows));
      const jobKeys = await page.locator('#jobs-table tbody th').allInnerTexts();
      expect(jobKeys).not.toContain('demo-1');
      // Jobs sort by their index: demo-1 would be second.
      expect(jobKeys.slice(0, 3)).toEqual(['demo-0', 'demo-2', 'demo-3']);
      await expect(page.locator('#jobs-table tbody tr').filter({ has: page.locator('th', { hasText: /^demo-2$/ }) }).innerText()).resolves.toMatch(/completed/i);
    };
    await expect.poll(async () => (await shownWorkers(first.page)).every(([name, , done]) => work.perWorker.get(name)?.tasksDone === done), { timeout: 15_000 }).toBe(true);
    await check(first.page);
    await first.page.screenshot({ path: `${screenshotDirectory}real-feed-deltas-1000.png` });

    // A fresh client: the full snapshot first, then the same deltas as everyone.
    const fresh = await openPage(browser, server.urlWithToken);
    opened.push(fresh);
    await fresh.page.locator('#workers-table tbody tr').first().waitFor({ timeout: 30_000 });
    await check(fresh.page);
    work.perWorker.set('demo-10-0', { tasksDone: 123_456, tasksFailed: 0 });
    for (const { page } of [first, fresh]) {
      await expect.poll(async () => (await shownWorkers(page)).find(([name]) => name === 'demo-10-0')?.[2], { timeout: 15_000 }).toBe(123_456);
    }
    expect(first.errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
  }, 180_000);
});
