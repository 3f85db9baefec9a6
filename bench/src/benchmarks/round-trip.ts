/**
 * 2. Single-task round trip: submit one no-op, wait for its result, repeat; p50/p99
 * latency of @jq/engine and of Dask on the same 2 workers × 1 thread.
 */
import { performance } from 'node:perf_hooks';
import { formatNumber, formatRatio } from '../support/bench-report.js';
import { runBenchmark } from '../support/bench-run.js';
import { poolWorkers, quick } from '../support/bench-settings.js';
import { mean, quantile, withDeadline } from '../support/bench-timing.js';
import { runDaskClient } from '../support/dask-client.js';
import { defaultWorkerVariant, schedulerBuildNote } from '../support/engine-worker-build.js';
import { startDaskPool, startEnginePool } from '../support/local-pools.js';
import { tcpRoundTrips, threadRoundTrips } from '../support/round-trip-floor.js';

const warmup = 50;
const samples = quick ? 200 : 1000;
const deadlineMs = 90_000;

const increment = (x: number): number => x + 1;

async function measureEngine(): Promise<number[]> {
  const pool = await startEnginePool(poolWorkers, defaultWorkerVariant());
  try {
    const latencies: number[] = [];
    const loop = async (): Promise<void> => {
      for (let index = 0; index < warmup + samples; index += 1) {
        const started = performance.now();
        const value = await pool.client.submit(increment, index);
        const elapsed = performance.now() - started;
        if (value !== index + 1) throw new Error('[jq/bench] wrong round-trip result');
        if (index >= warmup) latencies.push(elapsed);
      }
    };
    await withDeadline(loop(), deadlineMs, `${samples} engine round trips`);
    return latencies;
  } finally {
    await pool.close();
  }
}

async function measureDask(): Promise<{ latenciesMs: number[]; version: string }> {
  const pool = await startDaskPool(poolWorkers);
  try {
    return await runDaskClient<{ latenciesMs: number[] }>(pool.scheduler, ['roundtrip', String(warmup), String(samples)], deadlineMs);
  } finally {
    await pool.close();
  }
}

function summarize(latencies: number[]): { p50: number; p99: number; mean: number; max: number } {
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), mean: mean(latencies), max: Math.max(...latencies) };
}

await runBenchmark('round-trip', `2. Single-task round trip (${samples} sequential submit → result, ms)`, async () => {
  const engine = summarize(await measureEngine());
  const daskRun = await measureDask();
  const dask = summarize(daskRun.latenciesMs);
  // Measured last and in the same run: the bare hops under the same load as the engine's.
  const floor = await withDeadline(
    (async () => ({ tcp: summarize(await tcpRoundTrips(warmup, samples)), thread: summarize(await threadRoundTrips(warmup, samples)) }))(),
    deadlineMs,
    'the bare TCP and thread round trips',
  );
  const row = (name: 'p50' | 'p99' | 'mean' | 'max'): string[] => [
    name,
    formatNumber(engine[name], 3),
    formatNumber(dask[name], 3),
    formatRatio(engine[name], dask[name], false),
  ];
  const floorRows = [
    ['floor p50: 1-byte TCP ping-pong with another Node process', formatNumber(floor.tcp.p50, 3), '', ''],
    ['floor p50: postMessage ping-pong with a thread', formatNumber(floor.thread.p50, 3), '', ''],
    ['floor p50: both hops (the least an engine round trip pays)', formatNumber(floor.tcp.p50 + floor.thread.p50, 3), '', ''],
  ];
  return {
    table: { columns: ['latency', '@jq/engine ms', `Dask ${daskRun.version} ms`, 'engine faster by'], rows: [row('p50'), row('p99'), row('mean'), row('max'), ...floorRows] },
    figures: { samples, warmup, workerVariant: defaultWorkerVariant(), daskVersion: daskRun.version, engineMs: engine, daskMs: dask, floorMs: floor },
    notes: [schedulerBuildNote(), 'each sample waits for the previous result; the engine client shares the scheduler process, the Dask client talks to its scheduler over TCP'],
  };
});
