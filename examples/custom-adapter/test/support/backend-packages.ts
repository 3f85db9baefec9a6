import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyBackend } from '@jq/core';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const example = fileURLToPath(new URL('../../', import.meta.url));

/** Workspace packages that use @jq/core but are not backends. */
const notBackends = new Set(['@jq/engine', '@jq/dask', '@jq/conformance', '@jq/testkit', '@jq/cli', '@jq/dashboard', '@jq/runner', '@jq/ssh']);

/** A backend package as the template test reads it: its files, its manifest and its exports. */
export interface BackendPackage {
  /** The npm name (`@jq/slurm`, `jq-adapter-oar`). */
  name: string;
  directory: string;
  manifest: { name: string; peerDependencies?: Record<string, string>; scripts?: Record<string, string>; jobqueue?: { base?: string } };
  /** The package's exports (its `src/index.ts`). */
  exports: Record<string, unknown>;
  /** Every backend object it exports. */
  backends: AnyBackend[];
  /** The file prefix: the backend name with a `src/<prefix>-backend.ts`. */
  prefix: string | undefined;
}

/** `slurm` → `Slurm`, `htcondor` → `Htcondor`: the part of `create<Name>Cluster` and `<Name>Options`. */
export const capitalized = (name: string): string => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** The text of a package file, or undefined. */
export function fileText(directory: string, path: string): string | undefined {
  const file = join(directory, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Every file below `directory/sub` (relative paths), for size and naming checks. */
export function filesUnder(directory: string, sub: string): string[] {
  const base = join(directory, sub);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
}

/** Backend packages: packages/* with @jq/core as a peer that are not in the known non-backend list, and this example. */
export function backendPackageDirectories(): string[] {
  const packages = readdirSync(join(root, 'packages'))
    .map((folder) => join(root, 'packages', folder))
    .filter((directory) => {
      const manifest = fileText(directory, 'package.json');
      if (manifest === undefined) return false;
      const { name, peerDependencies = {} } = JSON.parse(manifest) as { name: string; peerDependencies?: Record<string, string> };
      return '@jq/core' in peerDependencies && !notBackends.has(name);
    });
  return [...packages, example.replace(/\/$/, '')];
}

/** Reads one backend package: its manifest, and its exports through its package name (the workspace source). */
export async function readBackendPackage(directory: string): Promise<BackendPackage> {
  const manifest = JSON.parse(fileText(directory, 'package.json') ?? '{}') as BackendPackage['manifest'];
  const exports = (manifest.name === 'jq-adapter-oar' ? await import('../../src/index.js') : await import(/* @vite-ignore */ manifest.name)) as Record<string, unknown>;
  const backends = Object.values(exports).filter(
    (value): value is AnyBackend => typeof value === 'object' && value !== null && (value as { specificationVersion?: unknown }).specificationVersion === 'v1',
  );
  const prefix = backends.map((backend) => backend.name).find((name) => existsSync(join(directory, 'src', `${name}-backend.ts`)));
  return { name: manifest.name, directory, manifest, exports, backends, prefix };
}
