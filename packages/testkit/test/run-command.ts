import { execFile } from 'node:child_process';

export interface Completed {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs an emulated command with the emulator's environment. */
export function runCommand(argv: string[], env: Record<string, string>, timeoutMs = 10_000): Promise<Completed> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    execFile(file ?? '', args, { env: { ...process.env, ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}
