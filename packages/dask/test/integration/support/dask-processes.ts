import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const tsx = createRequire(import.meta.url).resolve('tsx');
const packageDirectory = fileURLToPath(new URL('../../..', import.meta.url));

/** Processes a test started; `stopAll()` ends every one still running, also after a failed test. */
export class StartedProcesses {
  private readonly children: ChildProcess[] = [];
  private readonly pids: number[] = [];

  /** A TypeScript program of this package, run with tsx on the workspace sources. */
  typescript(path: string, args: string[]): ChildProcess {
    const child = spawn(process.execPath, ['--import', tsx, '--conditions=@jq/source', path, ...args], {
      cwd: packageDirectory,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    return child;
  }

  /** A command (a Dask worker), its output dropped. */
  command(argv: string[]) {
    const [program, ...args] = argv;
    const child = execa(program!, args, { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore', reject: false });
    this.children.push(child);
    return child;
  }

  /** A process started elsewhere (a scheduler of a killed owner) that the test must not leave behind. */
  adopt(pid: number): void {
    this.pids.push(pid);
  }

  /** SIGKILLs everything still running. */
  stopAll(): void {
    for (const child of this.children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const pid of this.pids.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** The first line a child prints on stdout, parsed as JSON; rejects with its stderr if it exits first. */
export function firstJsonLine<T>(child: ChildProcess, timeoutMs = 90_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms; stderr: ${errors}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('\n')) return;
      clearTimeout(timer);
      resolve(JSON.parse(output.split('\n')[0]!) as T);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited early (${code ?? signal}): ${errors}`));
    });
  });
}
