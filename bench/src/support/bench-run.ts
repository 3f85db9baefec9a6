import { performance } from 'node:perf_hooks';
import { emitResult, type BenchTable } from './bench-report.js';

/** What a benchmark body hands back. */
export interface BenchOutcome {
  table: BenchTable;
  figures: Record<string, unknown>;
  notes?: string[];
  /** Set when one side failed but the other's figures are still worth printing: the result is not ok. */
  error?: string;
}

/**
 * Runs one benchmark body, prints its table and result line, and exits. Exiting
 * explicitly ends whatever sockets or timers a failed run left behind; the clusters
 * it started have already been closed by the body's `finally` blocks.
 */
export async function runBenchmark(benchmark: string, title: string, body: () => Promise<BenchOutcome>): Promise<never> {
  const started = performance.now();
  let exitCode = 0;
  try {
    const outcome = await body();
    const failure = outcome.error === undefined ? { ok: true } : { ok: false, error: outcome.error };
    if (outcome.error !== undefined) exitCode = 1;
    emitResult({ benchmark, title, ...failure, seconds: elapsed(started), table: outcome.table, figures: outcome.figures, notes: outcome.notes ?? [] });
  } catch (error) {
    exitCode = 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[jq/bench] ${benchmark} failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
    emitResult({ benchmark, title, ok: false, error: message, seconds: elapsed(started), table: { columns: ['error'], rows: [[message]] }, figures: {}, notes: [] });
  }
  process.exit(exitCode);
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}
