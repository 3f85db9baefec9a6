import { pathToFileURL } from 'node:url';
import type { AnyBackend } from '@jq/core';
import type { WorkspacePackage } from './repository.js';

/** A backend found among a package's exports. */
export interface FoundBackend {
  backend: AnyBackend;
  /** The package that exports it. */
  packageName: string;
  /** Its export name (`slurmBackend`). */
  exportName: string;
}

/** What the packages export at run time, for the pages generated from live objects. */
export interface WorkspaceExports {
  /** Every exported backend (`specificationVersion: 'v1'` with a `render`), in package order. */
  backends: FoundBackend[];
  /** Every `<package>:<export>` name of an exported object (a schema may be re-exported). */
  names: Map<unknown, string[]>;
}

/** Imports every package's entry (its TypeScript source) and collects backends and export names. */
export async function loadWorkspaceExports(packages: readonly WorkspacePackage[]): Promise<WorkspaceExports> {
  const exports: WorkspaceExports = { backends: [], names: new Map() };
  for (const workspacePackage of packages) {
    const module = (await import(pathToFileURL(workspacePackage.entry).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(module)) {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
      exports.names.set(value, [...(exports.names.get(value) ?? []), `${workspacePackage.name}:${exportName}`]);
      if (isBackend(value)) exports.backends.push({ backend: value, packageName: workspacePackage.name, exportName });
    }
  }
  return exports;
}

function isBackend(value: unknown): value is AnyBackend {
  const candidate = value as Partial<AnyBackend>;
  return candidate.specificationVersion === 'v1' && typeof candidate.render === 'function' && typeof candidate.name === 'string';
}
