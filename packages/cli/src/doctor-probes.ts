import { userInfo } from 'node:os';

/** One command `doctor` runs: what it proves, and the argv. */
export interface Probe {
  /** `status`, `accounting`, `version`. */
  role: 'version' | 'status' | 'accounting';
  argv: string[];
}

/** What `doctor` knows of a batch system: the programs it needs and how to ask it questions. */
export interface BatchSystemProbes {
  title: string;
  /** Programs a cluster on it runs (submit, status, cancel, accounting). */
  programs: string[];
  probes: Probe[];
  /** What to do when its programs are missing. */
  fix: string;
  /** A version answer that shows the programs belong to another system of the same names (qsub, qstat), and which. */
  foreign?: { pattern: RegExp; system: string };
}

const gridEngine = { pattern: /\b(SGE|Grid ?Engine|OGS|UGE)\b/i, system: 'Grid Engine' };

const user = userInfo().username;

/** The probes per backend short name. PBS and Torque share their programs; Moab adds its own. */
export const batchSystems: Readonly<Record<string, BatchSystemProbes>> = {
  slurm: {
    title: 'Slurm',
    programs: ['sbatch', 'squeue', 'scancel', 'sacct'],
    probes: [
      { role: 'version', argv: ['sbatch', '--version'] },
      { role: 'status', argv: ['squeue', '-h', '-u', user] },
      { role: 'accounting', argv: ['sacct', '-n', '-X', '-S', 'now-1hours', '-u', user] },
    ],
    fix: 'run jobqueue on a Slurm login node, or load Slurm (module load slurm) so sbatch is on PATH',
  },
  pbs: {
    title: 'PBS Pro / OpenPBS',
    programs: ['qsub', 'qstat', 'qdel'],
    probes: [
      { role: 'version', argv: ['qstat', '--version'] },
      { role: 'status', argv: ['qstat'] },
    ],
    fix: 'run jobqueue on a PBS login node, or add the PBS bin directory (often /opt/pbs/bin) to PATH',
    foreign: gridEngine,
  },
  torque: {
    title: 'Torque',
    programs: ['qsub', 'qstat', 'qdel'],
    probes: [
      { role: 'version', argv: ['qstat', '--version'] },
      { role: 'status', argv: ['qstat'] },
    ],
    fix: 'run jobqueue on a Torque login node, or add its bin directory to PATH',
    foreign: gridEngine,
  },
  sge: {
    title: 'Grid Engine',
    programs: ['qsub', 'qstat', 'qdel', 'qacct'],
    probes: [
      { role: 'version', argv: ['qstat', '-help'] },
      { role: 'status', argv: ['qstat', '-u', user] },
      { role: 'accounting', argv: ['qacct', '-help'] },
    ],
    fix: 'source your cell settings (. $SGE_ROOT/default/common/settings.sh) so qsub is on PATH',
  },
  lsf: {
    title: 'LSF',
    programs: ['bsub', 'bjobs', 'bkill'],
    probes: [
      { role: 'version', argv: ['lsid'] },
      { role: 'status', argv: ['bjobs', '-a'] },
    ],
    fix: 'source profile.lsf (. $LSF_ENVDIR/profile.lsf) so bsub is on PATH',
  },
  moab: {
    title: 'Moab',
    programs: ['msub', 'showq', 'mjobctl'],
    probes: [
      { role: 'version', argv: ['showq', '--version'] },
      { role: 'status', argv: ['showq', '-u', user] },
    ],
    fix: 'run jobqueue on a Moab login node, or add the Moab bin directory to PATH',
    foreign: gridEngine,
  },
  htcondor: {
    title: 'HTCondor',
    programs: ['condor_submit', 'condor_q', 'condor_rm', 'condor_history'],
    probes: [
      { role: 'version', argv: ['condor_version'] },
      { role: 'status', argv: ['condor_q'] },
      { role: 'accounting', argv: ['condor_history', '-limit', '1'] },
    ],
    fix: 'install HTCondor\'s tools or run jobqueue on a submit node (condor_submit on PATH)',
  },
  local: {
    title: 'local processes',
    programs: [],
    probes: [{ role: 'version', argv: [process.execPath, '--version'] }],
    fix: 'nothing to install: jobs are processes on this machine',
  },
};
