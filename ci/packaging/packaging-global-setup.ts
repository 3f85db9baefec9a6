import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { publishablePackages, repositoryRoot } from './packaging-packages.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding every package's `pnpm pack` tarball and, under unpacked/, its contents. */
    tarballDirectory: string;
  }
}

/**
 * Packs every publishable package once, with pnpm as a release would (publishConfig, the
 * workspace's .pnpmfile.cjs beforePacking hook, `workspace:` and `catalog:` rewritten), and
 * unpacks each tarball so tests can read the manifest and files a consumer would get.
 * The build is the suite script's job (`pnpm build` before vitest).
 */
export default function setup(project: TestProject): () => void {
  const directory = mkdtempSync(join(tmpdir(), 'jq-packaging-'));
  for (const pack of publishablePackages()) {
    execFileSync('pnpm', ['pack', '--pack-destination', directory], { cwd: join(repositoryRoot, pack.directory), stdio: ['ignore', 'ignore', 'inherit'] });
    const unpacked = join(directory, 'unpacked', pack.tarballName.replace(/\.tgz$/, ''));
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', join(directory, pack.tarballName), '-C', unpacked]);
  }
  project.provide('tarballDirectory', directory);
  return () => rmSync(directory, { recursive: true, force: true });
}
