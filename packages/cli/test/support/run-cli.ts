import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary, as npm would link it. */
export const binaryPath = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** What a run of `jobqueue` left: exit code and its two streams. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `jobqueue` with `args` (this process's environment, so the test's private XDG_STATE_HOME). */
export function jobqueue(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binaryPath, ...args],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 120_000, cwd: options.cwd ?? process.cwd(), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Polls `check` every 500 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** True while process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
