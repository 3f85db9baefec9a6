import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/**
 * Builds `jobqueue` and every workspace package it loads, through the root's turbo build
 * (cached: unchanged packages are not rebuilt), so the tests run the binary as a user would.
 */
export default function setup(): void {
  execFileSync('pnpm', ['run', 'build', '--filter=@jq/cli...', '--output-logs=errors-only'], {
    cwd: workspaceRoot,
    stdio: 'inherit',
    timeout: 1_200_000,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}
