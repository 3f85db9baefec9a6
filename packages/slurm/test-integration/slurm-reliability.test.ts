import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskSettlement } from '@jq/engine';
import { realSystemTasksUrl as tasksUrl, requireRealSystem, startsByIndex } from '@jq/testkit/real-system';
import { seededRandom } from './seeded-random.js';
import { closeEngineClusters, engineCluster, realSlurm } from './slurm-system.js';
import { within } from './within.js';

const runFile = promisify(execFile);

requireRealSystem(realSlurm);

afterEach(closeEngineClusters);

describe('reliability on real Slurm', () => {
  it('a 20,000-task map loses nothing when 3 of its 10 worker jobs (30 %) are cancelled at seeded random moments', { timeout: 300_000 }, async () => {
    const total = 20_000;
    const pool = 7;
    const cancels = 3;
    // Moments are counts of settled tasks, so the same seed cancels at the same points of the map.
    const random = seededRandom(20_000);
    const moments = Array.from({ length: cancels }, () => Math.floor((0.1 + random() * 0.5) * total)).sort((a, b) => a - b);

    const { cluster, client, scheduler, directory } = engineCluster();
    cluster.adapt({ minimum: pool, maximum: pool, interval: 0.5 });
    await client.waitForWorkers(pool, { timeout: 180 });

    const log = join(directory, 'starts.log');
    const deliveries = new Uint8Array(total);
    const values: unknown[] = new Array(total);
    const failures: string[] = [];
    const cancelled: Array<{ id: string; name: string; done: Promise<unknown> }> = [];
    let settled = 0;
    const cancelOne = (): void => {
      const connected = new Set(cluster.workers().map((worker) => worker.jobKey));
      const candidates = cluster
        .jobs()
        .filter((job) => job.state === 'running' && connected.has(job.key) && !cancelled.some((victim) => victim.id === job.id))
        .sort((a, b) => a.index - b.index);
      const victim = candidates[Math.floor(random() * candidates.length)];
      if (victim === undefined) return void failures.push(`no running job to cancel at ${settled} settled tasks`);
      // Any scancel (even --signal=KILL, recorded on 22.05) is SIGTERM to every process of the job, SIGKILL after KillWait.
      const done = runFile('scancel', [victim.id], { timeout: 30_000 });
      cancelled.push({ id: victim.id, name: victim.key, done });
    };
    const mapped = new Promise<void>((resolve) => {
      const settle = (index: number) => (settlement: TaskSettlement) => {
        deliveries[index] = (deliveries[index] ?? 0) + 1;
        if (settlement.ok) values[index] = settlement.value;
        else failures.push(`task ${index}: ${settlement.error.message}`);
        settled += 1;
        while (cancelled.length < moments.length && settled >= moments[cancelled.length]!) cancelOne();
        if (settled === total) resolve();
      };
      scheduler.submitTasks(
        Array.from({ length: total }, (_, index) => ({
          spec: { kind: 'module' as const, module: tasksUrl.href, export: 'sleepAndDouble', args: [{ index, milliseconds: 5, log }] },
          settle: settle(index),
        })),
      );
    });
    await within(mapped, 240, () => `the map (${settled}/${total} settled)`);
    await Promise.all(cancelled.map((victim) => victim.done));

    expect(failures).toEqual([]);
    expect(cancelled).toHaveLength(cancels);
    expect([...deliveries].filter((count) => count !== 1)).toEqual([]);
    expect(values.every((value, index) => value === index * 2)).toBe(true);
    const metrics = scheduler.metrics();
    expect(metrics).toMatchObject({ tasksCompleted: total, tasksFailed: 0 });
    // The cancelled workers held tasks: they went back to the queue and ran elsewhere.
    expect(metrics.tasksRequeued).toBeGreaterThan(0);
    const starts = startsByIndex(log);
    expect(starts.size).toBe(total);
    const runs = [...starts.values()].reduce((sum, jobs) => sum + jobs.length, 0);
    console.info(`[reliability] cancelled ${cancelled.map((victim) => victim.id).join(', ')} after ${moments.join(', ')} settled tasks; ${metrics.tasksRequeued} re-queued, ${runs - total} started twice`);
    for (const victim of cancelled) expect([...starts.values()].some((jobs) => jobs.includes(victim.name))).toBe(true);

    // Each cancelled job is reported cancelled; adapt replaced it: 7 live of 10 submitted, 3 of them (30 %) cancelled.
    await vi.waitFor(
      () => {
        const jobs = cluster.jobs();
        for (const victim of cancelled) expect(jobs.find((job) => job.id === victim.id)?.state).toBe('cancelled');
        expect(jobs.filter((job) => job.state === 'running')).toHaveLength(pool);
        expect(cluster.workers()).toHaveLength(pool);
        expect(jobs).toHaveLength(pool + cancels);
      },
      { timeout: 120_000, interval: 250 },
    );
    expect(deliveries.every((count) => count === 1)).toBe(true);
  });
});
