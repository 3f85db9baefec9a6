import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../packaging-consumer.js';
import { publishablePackages, repositoryRoot, tarballPath } from '../packaging-packages.js';

const attw = join(repositoryRoot, 'node_modules/.bin/attw');

describe.each(publishablePackages())('$name', (pack) => {
  // ESM-only packages: the esm-only profile leaves out CommonJS `require` resolution, which
  // these packages do not offer; node10, node16 (ESM) and bundler resolution are all checked.
  it('@arethetypeswrong/cli finds no problem in its pnpm pack tarball (profile esm-only)', async () => {
    const result = await runIn(repositoryRoot, attw, [tarballPath(pack), '--profile', 'esm-only', '--format', 'table-flipped', '--no-color']);
    expect(result.ok, result.output).toBe(true);
  });
});
