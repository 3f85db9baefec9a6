import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, type OpenedPage } from '../support/dashboard-browser.js';
import { makeJob, makeSnapshot } from '../support/dashboard-data.js';
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

async function start(snapshot = makeSnapshot({ jobs: 20, workers: 12, now: Date.now() })): Promise<Page> {
  server = await DashboardTestServer.start(snapshot);
  opened = await openPage(browser, server.pageUrl);
  await opened.page.getByRole('table', { name: /Batch jobs/ }).waitFor();
  return opened.page;
}

/** The text of each cell of a job's row, header cell first. */
async function jobRow(page: Page, key: string): Promise<string[]> {
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });
  return row.locator('th, td').allInnerTexts();
}

describe('the dashboard page', () => {
  it('renders the jobs table with a caption, column headers and states in words', async () => {
    const page = await start();
    const table = page.getByRole('table', { name: /Batch jobs/ });
    await expect(table.locator('caption').innerText()).resolves.toBe('Batch jobs (1–20 of 20)');
    const headers = await table
      .locator('thead th')
      .evaluateAll((cells) => cells.map((cell) => `${cell.getAttribute('scope')}:${cell.textContent}`));
    expect(headers.slice(0, 4)).toEqual(['col:Job▲', 'col:Batch id', 'col:Pool', 'col:State']);
    expect(await table.locator('tbody th[scope="row"]').count()).toBe(20);
    const queued = await jobRow(page, 'demo-6');
    expect(queued.slice(0, 6)).toEqual(['demo-6', '4000006', 'default', 'queued', 'PD', 'Priority']);
    expect((await jobRow(page, 'demo-1'))[3]).toBe('running');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('jobqueue cluster demo');
    expect(await page.getByRole('status').first().innerText()).toBe('Live');
    expect(opened?.errors).toEqual([]);
  });

  it('shows 4 jobs added by an update within 2 s, without a reload or rebuilding the other rows', async () => {
    const page = await start();
    await page.evaluate(() => {
      Object.assign(window, { loadedOnce: true });
      const row = document.querySelector('#jobs-table tbody tr');
      if (row) Object.assign(row, { keptNode: true });
    });
    const now = Date.now();
    server?.push({ now, jobs: { upsert: [100, 101, 102, 103].map((index) => makeJob(index, now, 'queued')), remove: [] } });
    await page.getByRole('rowheader', { name: 'demo-103', exact: true }).waitFor({ timeout: 2_000 });
    for (const key of ['demo-100', 'demo-101', 'demo-102']) expect((await jobRow(page, key))[3]).toBe('queued');
    await expect(page.locator('#jobs-table caption').innerText()).resolves.toBe('Batch jobs (1–24 of 24)');
    const kept = await page.evaluate(() => ({
      loadedOnce: (window as unknown as { loadedOnce?: boolean }).loadedOnce === true,
      keptNode: (document.querySelector('#jobs-table tbody tr') as unknown as { keptNode?: boolean } | null)?.keptNode === true,
    }));
    expect(kept).toEqual({ loadedOnce: true, keptNode: true });
    expect(opened?.errors).toEqual([]);
  });

  it('shows a job that failed, with the batch system’s reason and exit code', async () => {
    const page = await start();
    const now = Date.now();
    const failed = { ...makeJob(5, now, 'failed'), native: 'F', reason: 'NonZeroExitCode', exitCode: 3 };
    server?.push({
      now,
      jobs: { upsert: [failed], remove: [] },
      events: [{ time: now, kind: 'state', message: 'demo-5 failed (NonZeroExitCode)' }],
    });
    await page.getByRole('row').filter({ hasText: 'NonZeroExitCode' }).first().waitFor({ timeout: 2_000 });
    const cells = await jobRow(page, 'demo-5');
    expect(cells.slice(3, 6)).toEqual(['failed', 'F', 'NonZeroExitCode']);
    expect(cells.at(-1)).toBe('code 3');
    await expect(
      page
        .getByRole('table', { name: /Events log/ })
        .getByText('demo-5 failed (NonZeroExitCode)')
        .count(),
    ).resolves.toBe(1);
  });

  it('filters jobs by state and pool and sorts by a column from the keyboard', async () => {
    const page = await start();
    const filters = page.getByRole('group', { name: 'Filter jobs' });
    await filters.getByLabel('State').selectOption('queued');
    await expect(page.locator('#jobs-table caption').innerText()).resolves.toBe('Batch jobs (1–4 of 4)');
    await filters.getByLabel('Pool').selectOption('gpu');
    const keys = await page.locator('#jobs-table tbody th').allInnerTexts();
    expect(keys).toEqual(['demo-16']);
    await filters.getByLabel('State').selectOption('');
    await filters.getByLabel('Pool').selectOption('');
    const runtimeHeader = page.locator('#jobs-table thead th').filter({ hasText: 'Runtime' });
    await runtimeHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(runtimeHeader.getAttribute('aria-sort')).resolves.toBe('descending');
    // Longest runtime first: the job submitted first of those that started.
    expect(await page.locator('#jobs-table tbody th').first().innerText()).toBe('demo-0');
    await page.keyboard.press('Enter');
    await expect(runtimeHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    // Shortest first: the completed jobs ran 10 minutes; ties go by key.
    expect(await page.locator('#jobs-table tbody th').first().innerText()).toBe('demo-8');
  });

  it('links to the Dask dashboard when the server names one, and only to http(s)', async () => {
    const withLink = makeSnapshot({ jobs: 2, workers: 1, now: Date.now(), daskDashboardUrl: 'http://10.0.0.5:8787/status' });
    const page = await start(withLink);
    await expect(page.getByRole('link', { name: 'Dask dashboard' }).getAttribute('href')).resolves.toBe('http://10.0.0.5:8787/status');
    server?.push({ now: Date.now(), cluster: { daskDashboardUrl: 'javascript:alert(1)' } });
    await page.getByRole('link', { name: 'Dask dashboard' }).waitFor({ state: 'detached', timeout: 5_000 });
    await opened?.close();
    await server?.close();
    const page2 = await start(makeSnapshot({ jobs: 2, workers: 1, now: Date.now() }));
    await expect(page2.getByRole('link', { name: 'Dask dashboard' }).count()).resolves.toBe(0);
  });

  it('says when the cluster is closed and stops its clock there', async () => {
    const page = await start();
    const closedAt = Date.now();
    server?.push({ now: closedAt, cluster: { closed: true } });
    await page.getByText('This cluster is closed: the page shows its last state.').waitFor({ timeout: 5_000 });
    await expect(page.getByRole('status').first().innerText()).resolves.toBe('Cluster closed');
    const runtime = await jobRow(page, 'demo-0');
    await page.waitForTimeout(2_100);
    expect(await jobRow(page, 'demo-0')).toEqual(runtime);
  });

  it('tells a browser without the login cookie to open the URL with the token', async () => {
    server = await DashboardTestServer.start(makeSnapshot({ jobs: 2, workers: 1, now: Date.now() }));
    server.unauthorized = true;
    opened = await openPage(browser, server.pageUrl);
    const notice = opened.page.getByRole('heading', { name: 'Sign-in needed' });
    await notice.waitFor({ timeout: 10_000 });
    await expect(opened.page.locator('main').innerText()).resolves.toContain('Open the URL with the token printed by jobqueue');
    await expect(opened.page.getByRole('status').first().innerText()).resolves.toBe('Not signed in');
    await expect(opened.page.getByRole('table').count()).resolves.toBe(0);
  });

  it('reconnects after the stream drops and shows the snapshot the server sends then', async () => {
    const page = await start();
    const now = Date.now();
    server?.dropStreams();
    // Changed while the page is cut off: only the snapshot on reconnect carries it.
    if (server) server.snapshot = { ...server.snapshot, jobs: [...server.snapshot.jobs, makeJob(300, now, 'held')] };
    await page.getByRole('rowheader', { name: 'demo-300', exact: true }).waitFor({ timeout: 15_000 });
    expect((await jobRow(page, 'demo-300'))[3]).toBe('held');
    await expect(page.getByRole('status').first().innerText()).resolves.toBe('Live');
  });
});
