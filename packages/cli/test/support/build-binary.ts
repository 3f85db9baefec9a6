import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));
const workspaceRoot = join(packageDirectory, '..', '..');

/**
 * Builds `jobqueue` so the tests run the binary as a user would. The workspace packages it
 * loads run from their `dist/` too: when one has none yet, the root's turbo build makes them
 * (CI's `pnpm build` already did, and turbo's cache skips unchanged packages).
 */
export default function setup(): void {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const unbuilt = Object.keys(manifest.dependencies)
    .filter((name) => name.startsWith('@jq/'))
    .filter((name) => !existsSync(join(workspaceRoot, 'packages', name.slice('@jq/'.length), 'dist', 'index.js')));
  const options = { cwd: workspaceRoot, stdio: 'inherit' as const, timeout: 1_800_000, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } };
  if (unbuilt.length > 0) execFileSync('pnpm', ['run', 'build', '--filter=@jq/cli^...', '--output-logs=errors-only'], options);
  execFileSync('pnpm', ['--filter', '@jq/cli', 'run', 'build'], { ...options, stdio: 'ignore' });
}
