import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ownerProgram = fileURLToPath(new URL('../fixtures/engine-owner.ts', import.meta.url));

/** What the owner process printed once its workers were in. */
export interface OwnerReport {
  name: string;
  jobs: string[];
  manager?: { placement: 'process' | 'job'; id: string };
}

/**
 * Starts `engine-owner.ts` in the directory of the backend's package (which depends on
 * both @jq/engine and the backend, so a manager it launches can import them), and waits
 * for its report.
 */
export async function startOwner(name: string, mode: 'own' | 'launch', backend: 'local' | 'slurm', timeoutMs: number): Promise<{ child: ChildProcess; report: OwnerReport }> {
  const cwd = fileURLToPath(new URL(`../../../${backend}/`, import.meta.url));
  return startReporter<OwnerReport>(ownerProgram, [name, mode, backend], cwd, timeoutMs);
}

/**
 * Runs the TypeScript program `program` (workspace sources) in `cwd` and waits, at most
 * `timeoutMs`, for the JSON line it prints first: its report. Its stderr is in the failure.
 */
export async function startReporter<R>(program: string, args: string[], cwd: string, timeoutMs: number): Promise<{ child: ChildProcess; report: R }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@jq/source', program, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const line = await Promise.race([
    lines.next(),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${program} ${args.join(' ')} did not report within ${timeoutMs} ms:\n${stderr}`)), timeoutMs))),
  ]).finally(() => clearTimeout(timer));
  if (line.done) throw new Error(`${program} ${args.join(' ')} exited without a report:\n${stderr}`);
  return { child, report: JSON.parse(line.value as string) as R };
}

/** Pids among `pids` that still run. */
export function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => existsSync(`/proc/${pid}`) && !isZombie(pid));
}

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Pids of the processes whose command line names `address` (the workers of a scheduler). */
export function processesNaming(address: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(address) && !isZombie(Number(entry));
      } catch {
        return false;
      }
    })
    .map(Number);
}
