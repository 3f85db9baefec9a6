import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PackageManifest, publishablePackages, readJson, repositoryRoot, unpackedPath } from '../packaging-packages.js';

const rootManifest = readJson<{ engines: { node: string } }>(join(repositoryRoot, 'package.json'));
const specifierFields = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Every conditions object in an `exports` value, with the path that leads to it. */
function conditionObjects(value: unknown, path = 'exports'): Array<{ path: string; conditions: string[] }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  const here = keys.some((key) => !key.startsWith('.')) ? [{ path, conditions: keys }] : [];
  return [...here, ...keys.flatMap((key) => conditionObjects((value as Record<string, unknown>)[key], `${path}[${key}]`))];
}

/** The problems of one packed manifest, as readable lines (empty when it is right). */
function manifestProblems(packed: PackageManifest, directory: string): string[] {
  const problems: string[] = [];
  if (packed.license !== 'MIT') problems.push(`license is ${String(packed.license)}, expected MIT`);
  if (packed.repository?.directory !== directory) problems.push(`repository.directory is ${String(packed.repository?.directory)}, expected ${directory}`);
  if (packed.repository?.url === undefined) problems.push('repository.url is missing');
  if (packed.engines?.node !== rootManifest.engines.node) problems.push(`engines.node is ${String(packed.engines?.node)}, expected ${rootManifest.engines.node} (the root's)`);
  for (const { path, conditions } of conditionObjects(packed.exports)) {
    if (conditions.includes('@jq/source')) problems.push(`${path} publishes the workspace-only @jq/source condition`);
    const types = conditions.indexOf('types');
    if (types > 0) problems.push(`${path}: "types" must come first, found after ${conditions.slice(0, types).join(', ')}`);
  }
  for (const field of specifierFields) {
    for (const [name, range] of Object.entries(packed[field] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(range)) problems.push(`${field}.${name} = ${range} leaked into the tarball`);
      else if (!range.startsWith('^') && !(field === 'peerDependencies' && range.startsWith('>='))) problems.push(`${field}.${name} = ${range}, expected a caret range`);
    }
  }
  if (packed.dependencies?.['@jq/core'] !== undefined) problems.push('@jq/core is a dependency: it must be a peer, or a consumer installs two copies');
  return problems;
}

describe.each(publishablePackages())('$name', (pack) => {
  it('packs a manifest and files an npm user can rely on', () => {
    const unpacked = unpackedPath(pack);
    const packed = readJson<PackageManifest>(join(unpacked, 'package.json'));
    const problems = manifestProblems(packed, pack.directory);
    for (const file of ['LICENSE', 'README.md']) if (!existsSync(join(unpacked, file))) problems.push(`${file} is not in the tarball`);
    for (const [bin, target] of Object.entries(packed.bin ?? {})) {
      const file = join(unpacked, target);
      if (!existsSync(file)) {
        problems.push(`bin ${bin}: ${target} is not in the tarball`);
        continue;
      }
      if (!readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')) problems.push(`bin ${bin}: ${target} has no "#!/usr/bin/env node" line`);
      try {
        accessSync(file, constants.X_OK);
      } catch {
        problems.push(`bin ${bin}: ${target} is not executable in the tarball`);
      }
    }
    expect(problems).toEqual([]);
  });
});
