import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The repository root: this file lives in ci/packaging/. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The package.json fields these checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
  exports?: unknown;
  bin?: Record<string, string>;
  types?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** One workspace package that is published to npm. */
export interface PublishablePackage {
  /** Its npm name, `@jq/core`. */
  name: string;
  /** Its folder relative to the repository root, `packages/core`. */
  directory: string;
  /** Its workspace package.json (not the packed one). */
  manifest: PackageManifest;
  /** The file `pnpm pack` writes for it, `jq-core-0.1.0.tgz`. */
  tarballName: string;
}

/** Reads a JSON file. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * Every package under packages/* that is not private, sorted by name. New packages are
 * picked up without touching this suite, so each one is checked the day it appears.
 */
export function publishablePackages(): PublishablePackage[] {
  const packagesRoot = join(repositoryRoot, 'packages');
  return readdirSync(packagesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const directory = `packages/${entry.name}`;
      let manifest: PackageManifest;
      try {
        manifest = readJson<PackageManifest>(join(repositoryRoot, directory, 'package.json'));
      } catch {
        return [];
      }
      if (manifest.private === true) return [];
      const tarballName = `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
      return [{ name: manifest.name, directory, manifest, tarballName }];
    })
    .sort((left, right) => left.name.localeCompare(right.name));
}

/** The packed tarball of one package (packed by packaging-global-setup.ts). */
export function tarballPath(pack: PublishablePackage): string {
  return join(inject('tarballDirectory'), pack.tarballName);
}

/** The folder the global setup unpacked one package's tarball into (its `package/` folder). */
export function unpackedPath(pack: PublishablePackage): string {
  return join(inject('tarballDirectory'), 'unpacked', pack.tarballName.replace(/\.tgz$/, ''), 'package');
}
