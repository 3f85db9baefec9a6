import type { JobState, JobStatus } from '@jq/core';

/**
 * qstat prints a job's state as letters that combine (qstat(1), sge_status(5)):
 * `d` being deleted, `E` error, `h` hold, `r` running, `R` restarted, `s` suspended,
 * `S` queue suspended, `t` transferring, `T` suspended by a load threshold, `q`
 * queued, `w` waiting, `z` finished. The letters are read by priority, so every
 * combination gets a state, not only the documented ones:
 *
 * - `d…` → `completing`: the job is on its way out; accounting tells how it ended.
 * - `E…` → `held`: the job failed to start (a missing output directory, a bad shell)
 *   and waits in the queue, untouched, until someone fixes the cause and runs
 *   `qmod -cj`. It is not terminal: calling it `failed` would make the cluster submit
 *   a replacement and leave the erroring job in the queue forever.
 * - `s`, `S` → `held`: suspended (`qmod -sj`, a suspended queue) until someone resumes them.
 * - `T` → `queued`: suspended by a load threshold; SGE resumes it on its own when the load drops.
 * - `r`, `t` → `running` (`hr`: a hold on a running job only matters if it is re-run).
 * - `h` → `held`; `q`, `w` → `queued` (`Rq`: re-queued to run again).
 * - a lone `R` (restarted, as Univa prints it) → `running`.
 */
const rules: ReadonlyArray<readonly [letters: RegExp, state: JobState, reason?: string]> = [
  [/d/, 'completing', 'being deleted'],
  [/E/, 'held', 'error state: `qstat -j <id>` says why; `qmod -cj <id>` retries it'],
  [/[sS]/, 'held', 'suspended'],
  [/T/, 'queued', 'suspended by a load threshold; resumes on its own'],
  [/[rt]/, 'running'],
  [/h/, 'held', 'on hold'],
  [/[qw]/, 'queued'],
  [/R/, 'running'],
];

/** Every state code sge_status(5) documents, with the state it maps to: for tests and docs. */
export const sgeStateCodes: ReadonlyArray<{ code: string; state: JobState }> = [
  ...['qw', 'Rq'].map((code) => ({ code, state: 'queued' as const })),
  ...['hqw', 'hRwq'].map((code) => ({ code, state: 'held' as const })),
  ...['r', 'hr', 't', 'Rr', 'Rt'].map((code) => ({ code, state: 'running' as const })),
  ...['s', 'ts', 'S', 'tS', 'Rs', 'Rts', 'RS', 'RtS'].map((code) => ({ code, state: 'held' as const })),
  ...['T', 'tT', 'RT', 'RtT'].map((code) => ({ code, state: 'queued' as const })),
  ...['Eqw', 'Ehqw', 'EhRqw'].map((code) => ({ code, state: 'held' as const })),
  ...['dr', 'dt', 'dRr', 'dRt', 'ds', 'dS', 'dT', 'dRs', 'dRS', 'dRT'].map((code) => ({ code, state: 'completing' as const })),
];

/** Letters qstat uses; a code with any other character is not SGE's. */
const knownLetters = /^[dEhrRsStTqwz]+$/;

/**
 * The status for a qstat state code (`qw`, `Eqw`, `dr`, …), or `undefined` for `z`:
 * a finished job, whose ending only accounting knows. Unknown codes give `unknown`.
 */
export function sgeJobStatus(code: string): JobStatus | undefined {
  const native = code.trim();
  if (native === 'z') return undefined;
  if (!knownLetters.test(native)) return { state: 'unknown', native };
  for (const [letters, state, reason] of rules) {
    if (letters.test(native)) return { state, native, ...(reason === undefined ? {} : { reason }) };
  }
  return { state: 'unknown', native };
}
