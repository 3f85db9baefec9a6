import { type AnyBackend, loadBackend, type ModuleTable } from '@jq/core';
import { CliUsageError } from './cli-errors.js';

/** The backends `jobqueue` knows by short name, and the package each comes from. */
export const backendPackages: Readonly<Record<string, string>> = {
  slurm: '@jq/slurm',
  pbs: '@jq/pbs',
  torque: '@jq/pbs',
  sge: '@jq/sge',
  lsf: '@jq/lsf',
  moab: '@jq/moab',
  htcondor: '@jq/htcondor',
  local: '@jq/local',
};

// Literal imports, so the bundler knows them and each resolves from this package's own dependencies.
const importers: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  '@jq/slurm': () => import('@jq/slurm'),
  '@jq/pbs': () => import('@jq/pbs'),
  '@jq/sge': () => import('@jq/sge'),
  '@jq/lsf': () => import('@jq/lsf'),
  '@jq/moab': () => import('@jq/moab'),
  '@jq/htcondor': () => import('@jq/htcondor'),
  '@jq/local': () => import('@jq/local'),
  '@jq/engine': () => import('@jq/engine'),
  '@jq/dask': () => import('@jq/dask'),
};

/** The backend called `name` (`slurm`, `torque`, …), imported only now. */
export async function backendByName(name: string): Promise<AnyBackend> {
  const packageName = backendPackages[name];
  if (packageName === undefined) {
    throw new CliUsageError(`unknown backend "${name}"`, `one of ${Object.keys(backendPackages).join(', ')}`);
  }
  return loadBackend({ name, packageName }, await modulesFor([packageName]));
}

/**
 * The packages core must load for a journaled cluster (its backend, its scheduler), imported
 * from this package's dependencies: core alone cannot see them in an installed CLI.
 */
export async function modulesFor(packageNames: Array<string | undefined>): Promise<ModuleTable> {
  const table: Record<string, Record<string, unknown>> = {};
  for (const packageName of packageNames) {
    const importer = packageName === undefined ? undefined : importers[packageName];
    if (importer && packageName) table[packageName] = await importer();
  }
  return table;
}
