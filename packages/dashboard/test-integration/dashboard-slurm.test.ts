import { createSlurmCluster, type SlurmOptions } from '@jq/slurm';
import { engineClusters, requireRealSystem, runOutside, type RealSystem } from '@jq/testkit/real-system';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshotDirectory, type OpenedPage } from '../test/support/dashboard-browser.js';

function liveJobsNamed(jobName: string): string[] {
  return runOutside('squeue', ['--noheader', '--array', '--states=PD,R,CG', `--name=${jobName}`, '--format=%i'])
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const realSlurm: RealSystem = {
  title: 'Slurm',
  packageName: '@jq/slurm',
  probe: ['scontrol', 'ping'],
  upScript: 'ci/slurm/up.sh',
  submitProgram: 'sbatch',
  liveJobsNamed,
  cancelFromOutside: (id) => void runOutside('scancel', [id]),
};
requireRealSystem(realSlurm);
const { engineCluster, closeEngineClusters } = engineClusters<SlurmOptions>(realSlurm, createSlurmCluster);

let browser: Browser;
let opened: OpenedPage | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await opened?.close();
  await closeEngineClusters();
});
afterAll(async () => {
  await browser?.close();
});

async function jobCells(page: Page, key: string): Promise<string[]> {
  return page.locator('#jobs-table tbody tr').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) }).locator('th, td').allInnerTexts();
}

describe('the dashboard of a cluster on real Slurm', () => {
  it('shows the jobs queued with Slurm’s reason, then running with their workers', async () => {
    // --begin holds the jobs in the queue for a while, with Slurm's reason BeginTime.
    const { cluster, scheduler, client, jobName } = engineCluster({ jobExtraDirectives: ['--begin=now+15'] }, { httpPort: 0 });
    await cluster.start();
    opened = await openPage(browser, scheduler.dashboardUrlWithToken as string);
    const { page } = opened;
    await page.getByRole('table', { name: /Batch jobs/ }).waitFor();
    await cluster.scale(2);
    const first = `${jobName}-0`;
    await expect.poll(async () => (await jobCells(page, first)).slice(3, 6), { timeout: 30_000 }).toEqual(['queued', 'PD', 'BeginTime']);
    await page.screenshot({ path: `${screenshotDirectory}slurm-queued.png` });
    const [submitted] = await page.getByRole('table', { name: /Events log/ }).locator('tbody tr').filter({ hasText: 'submitted' }).allInnerTexts();
    expect(submitted).toMatch(/submitted 2 jobs to slurm/);

    await client.waitForWorkers(2, { timeout: 180 });
    await expect.poll(async () => (await jobCells(page, first))[3], { timeout: 30_000 }).toBe('running');
    await page.locator('#workers-table tbody tr').nth(1).waitFor({ timeout: 10_000 });
    const running = await jobCells(page, first);
    expect(running[4]).toBe('R');
    await page.screenshot({ path: `${screenshotDirectory}slurm-running.png`, fullPage: true });
    expect(opened.errors).toEqual([]);
  });
});
