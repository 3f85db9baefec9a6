import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshotDirectory, type OpenedPage } from '../support/dashboard-browser.js';
import { realLocalCluster } from '../support/real-cluster.js';

let browser: Browser;
let opened: OpenedPage | undefined;
const real = realLocalCluster('browser', 4);

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await opened?.close();
  await real.close();
  await browser?.close();
});

/** The text of each cell of a job's row, header cell first. */
async function jobRow(page: Page, key: string): Promise<string[]> {
  const row = page.locator('#jobs-table tbody tr').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });
  return row.locator('th, td').allInnerTexts();
}

/** The number shown for one of the work totals (`Done`, `Failed` …). */
async function total(page: Page, label: string): Promise<number> {
  const text = await page.locator('#work dl.totals div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').innerText();
  return Number(text.replace(/,/g, ''));
}

/** Tiny busy tasks: 10,000 of them keep 4 workers busy for a few seconds. */
function spin(value: number): number {
  const end = Date.now() + 2;
  while (Date.now() < end);
  return value;
}

describe('the dashboard of a real local cluster (@jq/local jobs, engine workers)', () => {
  it('follows scale, workers, a 10,000-task map, a failing job with its stderr, a job killed from outside, and adapt', async () => {
    const { cluster, scheduler, client } = real;
    await cluster.start();
    opened = await openPage(browser, scheduler.dashboardUrlWithToken as string);
    const { page } = opened;
    await page.getByRole('table', { name: /Batch jobs/ }).waitFor();
    expect(page.url()).toBe(scheduler.dashboardUrl);

    // scale(4): the new jobs show within 2 s, without a reload.
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    await cluster.scale(4);
    const scaledAt = Date.now();
    await page.getByRole('rowheader', { name: 'browser-3', exact: true }).waitFor({ timeout: 2_000 });
    expect(Date.now() - scaledAt).toBeLessThan(2_000);
    for (const key of ['browser-0', 'browser-1', 'browser-2', 'browser-3']) expect((await jobRow(page, key))[2]).toBe('default');
    await client.waitForWorkers(4, { timeout: 120 });
    await page.locator('#workers-table tbody tr').nth(3).waitFor({ timeout: 10_000 });
    for (const key of ['browser-0', 'browser-3']) await expect.poll(async () => (await jobRow(page, key))[3], { timeout: 10_000 }).toBe('running');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);

    // A map of 10,000 tasks moves the totals and the throughput chart while it runs.
    const futures = client.map(spin, Array.from({ length: 10_000 }, (_, index) => index));
    const seen = new Set<number>();
    const gathered = client.gather(futures);
    let finished = false;
    void gathered.finally(() => (finished = true));
    while (!finished) {
      seen.add(await total(page, 'Done'));
      await page.waitForTimeout(200);
    }
    await gathered;
    await expect.poll(() => total(page, 'Done'), { timeout: 5_000 }).toBe(10_000);
    const intermediate = [...seen].filter((done) => done > 0 && done < 10_000);
    expect(intermediate.length, `Done counts seen while the map ran: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('#work .chart-description').first().innerText(), { timeout: 5_000 }).toMatch(/peak [1-9]/);
    const functionRow = await page.locator('#work table').filter({ hasText: 'Function' }).first().locator('tbody tr').first().locator('th, td').allInnerTexts();
    expect(functionRow.slice(0, 1)).toEqual(['spin']);
    await page.screenshot({ path: `${screenshotDirectory}real-cluster-after-map.png`, fullPage: true });

    // A fifth job fails at start: its stderr shows in the events log.
    await cluster.scale(5);
    const failure = page.getByRole('table', { name: /Events log/ }).locator('tbody tr').filter({ hasText: 'browser-4' }).filter({ hasText: 'failed' });
    await failure.first().waitFor({ timeout: 30_000 });
    await failure.first().getByText('Show detail').click();
    await expect.poll(() => failure.first().innerText()).toContain('jq-test: cannot open /scratch/browser-4: No such file or directory');

    // A job killed from outside shows as failed, with its signal.
    const victim = cluster.jobs().find((job) => job.key === 'browser-1');
    process.kill(-real.jobGroup(victim?.id as string), 'SIGKILL');
    await expect.poll(async () => (await jobRow(page, 'browser-1'))[3], { timeout: 30_000 }).toMatch(/failed|cancelled/);
    const killed = await jobRow(page, 'browser-1');
    expect(killed.join(' ')).toMatch(/SIGKILL|code \d+|signal/i);

    // adapt: with no work queued it decides to scale down, and says why.
    cluster.adapt({ minimum: 0, maximum: 4, interval: 0.5, waitCount: 1 });
    const decision = page.locator('#adapt table tbody tr').filter({ hasText: 'scale down' });
    await decision.first().waitFor({ timeout: 30_000 });
    const cells = await decision.first().locator('th, td').allInnerTexts();
    expect(cells.at(-1)?.length ?? 0).toBeGreaterThan(10);
    await expect(page.locator('#adapt .summary').innerText()).resolves.toMatch(/Adaptive scaling is on\. Bounds: default 0 to 4 jobs/);
    await page.screenshot({ path: `${screenshotDirectory}real-cluster-1280x800.png` });
    await page.setViewportSize({ width: 420, height: 800 });
    await page.screenshot({ path: `${screenshotDirectory}real-cluster-narrow.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(opened.errors).toEqual([]);
  }, 300_000);
});
