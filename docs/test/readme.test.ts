import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeBlock } from '../check/readme-snippets.js';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { packageManager: string; scripts: Record<string, string> };
const workspace = readFileSync(new URL('pnpm-workspace.yaml', root), 'utf8');

describe("the README's first commands", () => {
  const [install, test] = readmeBlock(readme, 'bash').trim().split('\n').map((line) => line.replace(/\s+#.*$/, ''));

  it('install with the pnpm version the packageManager field pins, without a global pnpm', () => {
    const pinned = manifest.packageManager.replace(/^pnpm@/, '');
    expect(install).toBe(`npx -y pnpm@${pinned} install && npm run demo`);
    // npm run finds pnpm in node_modules/.bin only because the root installs that same version.
    expect(workspace).toMatch(new RegExp(`^  pnpm: ${pinned.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('then run the tests through a root script', () => {
    expect(test).toBe('npm test');
    expect(manifest.scripts.test).toMatch(/^turbo run test/);
    expect(manifest.scripts.demo).toBeDefined();
  });
});
