/**
 * Sizes shared by the benchmarks. `JQ_BENCH_QUICK=1` (`pnpm bench --quick`) keeps
 * every benchmark but shrinks the big runs, for trying the harness out.
 */
export const quick = process.env.JQ_BENCH_QUICK === '1';

/** Workers of the throughput, round-trip and memory benchmarks: 2 × 1 thread. */
export const poolWorkers = 2;
