import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardJobState, DashboardSnapshot, DashboardUpdate, DashboardWorkerCounters } from '../../src/index.js';
import { launchChromium, measures, openPage, screenshotDirectory, type OpenedPage } from '../support/dashboard-browser.js';
import { makeJob, makeSnapshot, makeWork, makeWorker, seededRandom } from '../support/dashboard-data.js';
import { DashboardTestServer } from '../support/dashboard-test-server.js';

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

async function start(snapshot: DashboardSnapshot, viewport?: { width: number; height: number }): Promise<Page> {
  server = await DashboardTestServer.start(snapshot);
  opened = await openPage(browser, server.pageUrl, viewport ? { viewport } : {});
  await opened.page.getByRole('table', { name: /Batch jobs/ }).waitFor({ timeout: 30_000 });
  return opened.page;
}

const cycle: DashboardJobState[] = ['running', 'completing', 'completed', 'failed', 'queued'];

/**
 * A busy update, as the feed sends them: 100 jobs change state and one goes, 100 workers change,
 * 200 more report counters, one leaves, work's totals and functions move and a throughput point
 * is added, adapt and the log grow.
 */
function busyUpdate(round: number, now: number): DashboardUpdate {
  const jobs = Array.from({ length: 100 }, (_, index) => {
    const job = makeJob(round * 37 + index * 10, now, cycle[(round + index) % cycle.length]);
    return job.state === 'failed' ? { ...job, reason: `NonZeroExitCode round ${round}` } : job;
  });
  // demo-1 is on the first page: the check that the last round reached the screen.
  jobs.push({ ...makeJob(1, now, 'queued'), reason: `Priority (round ${round})` });
  const workers = Array.from({ length: 100 }, (_, index) => ({ ...makeWorker(round * 41 + index * 10, now), tasksDone: 1_000 + round }));
  const counters = Array.from({ length: 200 }, (_, index): DashboardWorkerCounters => [`demo-${(round * 7 + index * 5) % 1_000}-worker`, index % 4, 5_000 + round, round % 3]);
  const { totals, functions } = makeWork(now, seededRandom(round));
  return {
    now,
    jobs: { upsert: jobs, remove: [`demo-${980 + round}`] },
    workers: { upsert: workers, remove: [`demo-${960 + round}-worker`] },
    workerCounters: counters,
    work: { totals: { ...totals, done: totals.done + round * 1_000 }, functions, throughput: [[now, 100 + round]] },
    adapt: {
      decisions: [
        {
          time: now,
          pool: 'default',
          action: 'hold',
          target: 750,
          desiredJobs: 760,
          current: 740,
          queued: 40,
          reason: `round ${round}: within bounds`,
        },
      ],
      targets: [[now, 750, 740 + round]],
    },
    events: Array.from({ length: 5 }, (_, index) => ({ time: now, kind: 'state' as const, message: `round ${round} event ${index}` })),
  };
}

function summary(durations: number[]): string {
  const sorted = [...durations].sort((left, right) => left - right);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
  return `min ${at(0).toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

/** Elements outside the sideways-scrolling regions that reach past the window's edges. */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside: string[] = [];
    if (document.documentElement.scrollWidth > width)
      outside.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const element of document.body.querySelectorAll('*')) {
      if (element.closest('.table-scroll, .skip-link, noscript')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -1 || box.right > width + 1)
        outside.push(`${element.tagName.toLowerCase()}.${element.className}: ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    return outside;
  });
}

describe('the dashboard at scale', () => {
  it('renders 1,000 jobs and 1,000 workers, then applies 20 busy updates each well under a second', async () => {
    const page = await start(makeSnapshot({ jobs: 1_000, workers: 1_000, now: Date.now() }));
    await expect(page.locator('#jobs-table caption').innerText()).resolves.toBe('Batch jobs (1–50 of 1,000)');
    await expect(page.locator('#workers-table caption').innerText()).resolves.toBe('Workers (1–50 of 1,000)');
    // Paged, not all 2,000 rows: an update touches at most a page per table.
    expect(await page.locator('#jobs-table tbody tr').count()).toBe(50);
    const [snapshotTime] = await measures(page, 'jq-dashboard-snapshot');
    await page.evaluate(() => {
      const row = document.querySelector('#jobs-table tbody tr');
      if (row) Object.assign(row, { keptNode: true });
    });

    for (let round = 0; round < 20; round += 1) {
      server?.push(busyUpdate(round, Date.now()));
      await page.waitForFunction((count) => performance.getEntriesByName('jq-dashboard-update', 'measure').length >= count, round + 1, {
        timeout: 10_000,
      });
      // The contract's pace: at most one update every 500 ms.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const updateTimes = await measures(page, 'jq-dashboard-update');
    console.info(
      `[dashboard] 1,000 jobs + 1,000 workers: snapshot on screen in ${snapshotTime?.toFixed(1)} ms; 20 updates: ${summary(updateTimes)}`,
    );
    expect(updateTimes).toHaveLength(20);
    for (const time of updateTimes) expect(time).toBeLessThan(1_000);
    // The records gone are gone from the page too: its counts are those of the updates folded in.
    const count = (items: unknown[]) => items.length.toLocaleString('en-US');
    await expect(page.locator('#workers-table caption').innerText()).resolves.toBe(`Workers (1–50 of ${count(server?.snapshot.workers ?? [])})`);
    await expect(page.locator('#jobs-table caption').innerText()).resolves.toBe(`Batch jobs (1–50 of ${count(server?.snapshot.jobs ?? [])})`);

    // The last round's changes are on screen, and the first row's node was kept, not rebuilt.
    await page.locator('#jobs-table').getByText('Priority (round 19)').waitFor({ timeout: 5_000 });
    await page.locator('#events-table').getByText('round 19 event 4').waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => (document.querySelector('#jobs-table tbody tr') as unknown as { keptNode?: boolean }).keptNode)).toBe(
      true,
    );
    await page.screenshot({ path: join(screenshotDirectory, 'dashboard-1280x800.png') });
    await page.screenshot({ path: join(screenshotDirectory, 'dashboard-1280x800-full.png'), fullPage: true });

    // Paging from the keyboard keeps the focus on the button, through an update too.
    const next = page.getByRole('navigation', { name: 'Batch jobs pages' }).getByRole('button', { name: 'Next' });
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#jobs-table caption').innerText()).resolves.toMatch(/^Batch jobs \(51–100 of /);
    server?.push(busyUpdate(20, Date.now()));
    await page.waitForFunction(() => performance.getEntriesByName('jq-dashboard-update', 'measure').length >= 21, undefined, { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await expect(page.locator('#jobs-table caption').innerText()).resolves.toMatch(/^Batch jobs \(101–150 of /);
    expect(opened?.errors).toEqual([]);
    // A bound on a hang, not a timing: 21 rounds with their pauses and four screenshots on a loaded 2-core machine.
  }, 180_000);

  it('fits a 400 px window: nothing cut off, the tables scroll sideways', async () => {
    const page = await start(makeSnapshot({ jobs: 60, workers: 60, now: Date.now(), daskDashboardUrl: 'http://10.0.0.5:8787/status' }), {
      width: 400,
      height: 800,
    });
    await page.getByRole('figure').first().locator('canvas').first().waitFor();
    expect(await cutOff(page)).toEqual([]);
    const regions = await page.locator('.table-scroll').evaluateAll((elements) =>
      elements.map((element) => {
        const before = element.scrollLeft;
        element.scrollLeft = element.scrollWidth;
        const lastHeader = element.querySelector('thead th:last-child')?.getBoundingClientRect();
        const box = element.getBoundingClientRect();
        return {
          overflowX: getComputedStyle(element).overflowX,
          wider: element.scrollWidth > element.clientWidth,
          scrolled: element.scrollLeft > before,
          lastHeaderVisible: lastHeader !== undefined && lastHeader.right <= box.right + 1 && lastHeader.left >= box.left - 1,
          focusable: element.getAttribute('tabindex') === '0',
        };
      }),
    );
    expect(regions.length).toBeGreaterThanOrEqual(5);
    for (const region of regions) {
      expect(region.overflowX).toBe('auto');
      expect(region.focusable).toBe(true);
      // A table wider than the window scrolls to its last column.
      if (region.wider) expect(region).toMatchObject({ scrolled: true, lastHeaderVisible: true });
    }
    expect(regions[0]?.wider).toBe(true);
    await page.evaluate(() => document.querySelectorAll('.table-scroll').forEach((element) => (element.scrollLeft = 0)));
    await page.screenshot({ path: join(screenshotDirectory, 'dashboard-400x800.png') });
    await page.screenshot({ path: join(screenshotDirectory, 'dashboard-400x800-full.png'), fullPage: true });
    expect(opened?.errors).toEqual([]);
  });

  it('fits 1280×800 without sideways scrolling', async () => {
    const page = await start(makeSnapshot({ jobs: 60, workers: 60, now: Date.now() }));
    await page.getByRole('figure').first().locator('canvas').first().waitFor();
    expect(await cutOff(page)).toEqual([]);
  });
});
