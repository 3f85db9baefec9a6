import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What the run found or started. */
export interface Services {
  slurm: { available: boolean; startedHere: boolean; version?: string; error?: string };
  dask: { available: boolean; error?: string };
}

async function slurmAnswers(): Promise<boolean> {
  const sinfo = await execa('sinfo', ['--noheader'], { reject: false, timeout: 15_000 });
  return !sinfo.failed;
}

async function runScript(script: string, timeoutMs: number): Promise<string | undefined> {
  process.stdout.write(`[jq/bench] bash ${script}\n`);
  const result = await execa('bash', [script], { cwd: repositoryRoot, reject: false, timeout: timeoutMs, stdout: ['pipe', 'inherit'], stderr: ['pipe', 'inherit'] });
  return result.failed ? `${script}: ${result.timedOut ? 'timed out' : `exit ${String(result.exitCode)}`} ${result.stderr.slice(-500)}` : undefined;
}

/**
 * Slurm and Dask through the ci/ scripts (both idempotent). Slurm is shared with
 * whoever else uses this machine, so it is started only when `sinfo` does not answer,
 * and only then stopped again by {@link stopServices}.
 */
export async function startServices(): Promise<Services> {
  const wasUp = await slurmAnswers();
  const slurmError = wasUp ? undefined : await runScript('ci/slurm/up.sh', 900_000);
  const slurmUp = wasUp || (slurmError === undefined && (await slurmAnswers()));
  const version = slurmUp ? (await execa('sinfo', ['--version'], { reject: false })).stdout.trim() : undefined;
  const daskError = await runScript('ci/dask/up.sh', 900_000);
  return {
    slurm: { available: slurmUp, startedHere: !wasUp && slurmError === undefined, ...(version ? { version } : {}), ...(slurmError ? { error: slurmError } : {}) },
    dask: { available: daskError === undefined, ...(daskError ? { error: daskError } : {}) },
  };
}

/** Stops Slurm if this run started it; leaves it alone otherwise. */
export async function stopServices(services: Services): Promise<void> {
  if (services.slurm.startedHere) await runScript('ci/slurm/down.sh', 180_000);
}

/** The commit the figures belong to (read-only). */
export async function currentCommit(): Promise<string | undefined> {
  const result = await execa('git', ['rev-parse', '--short', 'HEAD'], { cwd: repositoryRoot, reject: false });
  return result.failed ? undefined : result.stdout.trim();
}
