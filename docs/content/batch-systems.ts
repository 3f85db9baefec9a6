import type { AnyBackend, BackendOptions, CommonOptions } from '@jq/core';
import { htcondorBackend } from '@jq/htcondor';
import { localBackend } from '@jq/local';
import { lsfBackend } from '@jq/lsf';
import { moabBackend } from '@jq/moab';
import { pbsBackend, torqueBackend } from '@jq/pbs';
import { sgeBackend } from '@jq/sge';
import { slurmBackend } from '@jq/slurm';

/**
 * What a batch system's page renders: a typical configuration, typed from the backend's
 * schema (a misspelt option fails `tsc`), and the options added to show a GPU request.
 * The generator refuses to build when a backend a package exports has no entry here.
 */
export interface TypicalConfiguration<B extends AnyBackend = AnyBackend> {
  backend: B;
  /** Options of the example job script. */
  options: BackendOptions<B>;
  /** Options added to `options` for the GPU example; `undefined` when the page should not show one. */
  gpuOptions: BackendOptions<B> | undefined;
  /** Job ids as the system prints them, for the example status and cancel commands. */
  jobIds: readonly string[];
}

function typical<B extends AnyBackend>(
  backend: B,
  options: BackendOptions<B>,
  // `gpus` is a common option, so every backend's options accept it.
  { gpuOptions = { gpus: 1 } satisfies CommonOptions as BackendOptions<B>, jobIds = ['1001', '1002'] }: { gpuOptions?: BackendOptions<B>; jobIds?: string[] } = {},
): TypicalConfiguration {
  return { backend, options, gpuOptions, jobIds };
}

// Two worker processes of 4 threads in a job of 8 cores and 16 GB for an hour, in the
// fictional `normal` queue charged to `my-project`: the shape most site examples use.
const batchJob = { name: 'demo', cores: 8, memory: '16GB', processes: 2, walltime: '01:00:00' } as const;

/** One entry per documented backend, in the order of the sidebar. */
export const typicalConfigurations: readonly TypicalConfiguration[] = [
  typical(localBackend, { name: 'demo', cores: 1, memory: '1GB', processes: 1 }),
  typical(slurmBackend, { ...batchJob, queue: 'normal', account: 'my-project' }),
  typical(pbsBackend, { ...batchJob, queue: 'normal', account: 'my-project' }, { jobIds: ['1001.server', '1002.server'] }),
  typical(torqueBackend, { ...batchJob, queue: 'normal', account: 'my-project' }, { jobIds: ['1001.server', '1002.server'] }),
  typical(sgeBackend, { ...batchJob, queue: 'all.q', pe: 'smp', project: 'my-project' }),
  typical(lsfBackend, { ...batchJob, queue: 'normal', account: 'my-project' }),
  typical(moabBackend, { ...batchJob, queue: 'normal', account: 'my-project' }, { jobIds: ['Moab.1001', 'Moab.1002'] }),
  typical(htcondorBackend, { ...batchJob, disk: '10GB' }, { jobIds: ['1001.0', '1001.1'] }),
];
