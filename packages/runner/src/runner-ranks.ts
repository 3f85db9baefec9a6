/** This process's place in an allocation: which rank of how many, and who started it. */
export interface AllocationRank {
  /** 0 … size − 1; rank 0 runs the scheduler and the user's code. */
  rank: number;
  /** Processes the launcher started. */
  size: number;
  /** The launcher whose variables said so. */
  launcher: 'slurm' | 'open-mpi' | 'pmix' | 'pmi' | 'pbs' | 'lsf';
  /** The batch job the allocation belongs to, when the environment says. */
  jobId: string | undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How each launcher tells a process its rank. `srun` sets SLURM_PROCID/SLURM_NTASKS;
 * `mpirun` of Open MPI OMPI_COMM_WORLD_*; PMIx-based launchers PMIX_RANK/PMIX_SIZE… ;
 * MPICH, Intel MPI and other PMI launchers PMI_RANK/PMI_SIZE; Torque's `pbsdsh` PBS_VNODENUM
 * (0-based) with PBS_TASKNUM; LSF's `blaunch` LSF_PM_TASKID (1-based) and LSB_DJOB_NUMPROC.
 * Earlier entries win: under `srun --mpi=pmix` SLURM_PROCID and PMIX_RANK agree anyway.
 */
const launchers: Array<{ launcher: AllocationRank['launcher']; rank: (env: Environment) => number | undefined; size: (env: Environment) => number | undefined }> = [
  { launcher: 'slurm', rank: (env) => whole(env.SLURM_PROCID), size: (env) => whole(env.SLURM_NTASKS ?? env.SLURM_NPROCS) },
  { launcher: 'open-mpi', rank: (env) => whole(env.OMPI_COMM_WORLD_RANK), size: (env) => whole(env.OMPI_COMM_WORLD_SIZE) },
  { launcher: 'pmix', rank: (env) => whole(env.PMIX_RANK), size: (env) => whole(env.PMIX_SIZE ?? env.OMPI_COMM_WORLD_SIZE) },
  { launcher: 'pmi', rank: (env) => whole(env.PMI_RANK), size: (env) => whole(env.PMI_SIZE) },
  { launcher: 'pbs', rank: (env) => whole(env.PBS_VNODENUM) ?? minusOne(env.PBS_TASKNUM), size: (env) => whole(env.PBS_NP ?? env.PBS_NUM_NODES) },
  { launcher: 'lsf', rank: (env) => minusOne(env.LSF_PM_TASKID), size: (env) => whole(env.LSB_DJOB_NUMPROC) },
];

/** The rank of this process, or undefined outside a parallel launch (a plain `node` run). */
export function detectRank(environment: Environment = process.env): AllocationRank | undefined {
  for (const { launcher, rank, size } of launchers) {
    const found = rank(environment);
    if (found === undefined) continue;
    const total = size(environment);
    if (total === undefined || found >= total) continue;
    return { rank: found, size: total, launcher, jobId: environment.SLURM_JOB_ID ?? environment.PBS_JOBID ?? environment.LSB_JOBID };
  }
  return undefined;
}

function whole(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

function minusOne(value: string | undefined): number | undefined {
  const number = whole(value);
  return number === undefined || number === 0 ? undefined : number - 1;
}
