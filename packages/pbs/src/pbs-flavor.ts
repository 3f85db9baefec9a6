/**
 * The two PBS dialects. PBS Pro / OpenPBS: `select=` resources, `-J` arrays with
 * `PBS_ARRAY_INDEX`, `qstat -x -f -F json` (history included). Torque ("PBS classic"):
 * `nodes=…:ppn=` resources, `-t` arrays with `PBS_ARRAYID`, `qstat -f` text.
 */
export type PbsFlavor = 'pbspro' | 'torque';

/** What differs between the dialects, in one place. */
export interface PbsDialect {
  /** Which dialect. */
  flavor: PbsFlavor;
  /** qsub option that submits an array. */
  arrayOption: '-J' | '-t';
  /** Variable holding the array task index inside the job. */
  arrayIndexVariable: 'PBS_ARRAY_INDEX' | 'PBS_ARRAYID';
  /** Exit status PBS records for a job killed at its walltime. */
  walltimeExitStatus: number;
}

/** The facts of each dialect. */
export const pbsDialects: Record<PbsFlavor, PbsDialect> = {
  // PBS Pro JOB_EXEC_KILL_WALLTIME.
  pbspro: { flavor: 'pbspro', arrayOption: '-J', arrayIndexVariable: 'PBS_ARRAY_INDEX', walltimeExitStatus: -29 },
  // Torque JOB_EXEC_OVERLIMIT_WT.
  torque: { flavor: 'torque', arrayOption: '-t', arrayIndexVariable: 'PBS_ARRAYID', walltimeExitStatus: -11 },
};
