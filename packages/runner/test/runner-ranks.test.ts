import { describe, expect, it } from 'vitest';
import { defaultHandshakePath, detectRank } from '../src/index.js';

describe('detectRank', () => {
  it.each([
    ['srun', { SLURM_PROCID: '2', SLURM_NTASKS: '4', SLURM_JOB_ID: '77' }, { rank: 2, size: 4, launcher: 'slurm', jobId: '77' }],
    ['srun (old Slurm)', { SLURM_PROCID: '0', SLURM_NPROCS: '3' }, { rank: 0, size: 3, launcher: 'slurm' }],
    ['Open MPI mpirun', { OMPI_COMM_WORLD_RANK: '5', OMPI_COMM_WORLD_SIZE: '8' }, { rank: 5, size: 8, launcher: 'open-mpi' }],
    ['a PMIx launcher', { PMIX_RANK: '1', PMIX_SIZE: '2' }, { rank: 1, size: 2, launcher: 'pmix' }],
    ['MPICH / Intel MPI (PMI)', { PMI_RANK: '3', PMI_SIZE: '4' }, { rank: 3, size: 4, launcher: 'pmi' }],
    ['Torque pbsdsh -v', { PBS_VNODENUM: '0', PBS_TASKNUM: '1', PBS_NP: '4', PBS_JOBID: '12.server' }, { rank: 0, size: 4, launcher: 'pbs', jobId: '12.server' }],
    ['pbsdsh (task number only, 1-based)', { PBS_TASKNUM: '3', PBS_NP: '4' }, { rank: 2, size: 4, launcher: 'pbs' }],
    ['LSF blaunch (1-based)', { LSF_PM_TASKID: '1', LSB_DJOB_NUMPROC: '4', LSB_JOBID: '991' }, { rank: 0, size: 4, launcher: 'lsf', jobId: '991' }],
  ])('reads the rank set by %s', (_launcher, environment, expected) => {
    expect(detectRank(environment)).toMatchObject(expected);
  });

  it('prefers srun\'s variables under srun --mpi=pmix, and finds no rank in a plain run or a nonsensical one', () => {
    expect(detectRank({ SLURM_PROCID: '1', SLURM_NTASKS: '2', PMIX_RANK: '1', PMIX_SIZE: '2' })?.launcher).toBe('slurm');
    expect(detectRank({})).toBeUndefined();
    expect(detectRank({ SLURM_PROCID: '4', SLURM_NTASKS: '4' })).toBeUndefined();
    expect(detectRank({ PMI_RANK: 'x', PMI_SIZE: '2' })).toBeUndefined();
    expect(detectRank({ LSF_PM_TASKID: '0', LSB_DJOB_NUMPROC: '2' })).toBeUndefined();
  });

  it('puts the handshake in the submit directory, named after the job', () => {
    expect(defaultHandshakePath('77', { SLURM_SUBMIT_DIR: '/home/u/run' })).toBe('/home/u/run/.jq-run-77.json');
    expect(defaultHandshakePath('12.server', { PBS_O_WORKDIR: '/scratch/u' })).toBe('/scratch/u/.jq-run-12.server.json');
  });
});
