import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyBackend } from '@jq/core';
import { check, show } from './conformance-error.js';

/**
 * Renders a script whose worker command and environment carry shell code, runs it with
 * bash, and checks that nothing ran and every value came out literally.
 */
export async function runScriptSafely(
  backend: AnyBackend,
  render: (command: string[], env: Record<string, string>) => Promise<string>,
): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'jq-conformance-'));
  try {
    const marker = join(directory, 'pwned');
    const payloads = [`$(touch ${marker})`, `\`touch ${marker}\``, `'; touch ${marker}; '`, `"; touch ${marker}; "`, `$((1+1)) && touch ${marker}`];
    const env = Object.fromEntries(payloads.map((payload, index) => [`CONFORMANCE_${index}`, payload]));
    const command = ['sh', '-c', `printf '%s\\n' "$@"; printenv ${Object.keys(env).join(' ')}`, 'probe', ...payloads];
    const scriptPath = join(directory, 'probe.sh');
    writeFileSync(scriptPath, await render(command, env), { mode: 0o600 });
    const result = spawnSync('bash', [scriptPath], { cwd: directory, encoding: 'utf8', timeout: 10_000 });
    check(backend.name, !existsSync(marker), `shell code in worker arguments or env values ran when the script ran; stdout ${show(result.stdout)}`);
    const expected = [...payloads, ...payloads].join('\n');
    check(backend.name, result.stdout.trim() === expected, `values must reach the worker literally; expected ${show(expected)}, got ${show(result.stdout)} (stderr ${show(result.stderr)})`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
