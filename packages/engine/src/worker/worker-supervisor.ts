import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Runs `count` worker processes for one job (`--nworkers > 1`): each is this same entry
 * with `--process-index i`. Signals are passed on; resolves with the worst exit code
 * once all have exited.
 */
export function superviseWorkers(entry: string, argv: string[], count: number, secretEnvironment: Record<string, string>): Promise<number> {
  const children: ChildProcess[] = [];
  for (let index = 0; index < count; index += 1) {
    children.push(
      spawn(process.execPath, [...process.execArgv, entry, ...argv, '--process-index', String(index)], {
        stdio: 'inherit',
        env: { ...process.env, ...secretEnvironment },
      }),
    );
  }
  const forward = (signal: NodeJS.Signals): void => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
  return Promise.all(
    children.map((child) => new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)))),
  ).then((codes) => Math.max(...codes));
}
