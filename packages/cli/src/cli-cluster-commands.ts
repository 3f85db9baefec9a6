import type { Command } from 'commander';
import type { CommandResult } from './cli-program.js';
import type { DoctorOptions } from './commands/doctor-command.js';
import type { RunCommandFlags } from './commands/run-command.js';
import { addSshFlags, type SshFlags } from './ssh-flags.js';

type Runner = (action: () => CommandResult) => () => Promise<void>;

/** Declares the commands that work on clusters by name (`ls`, `status`, `scale`, `adapt`, `logs`, `down`), `doctor` and `run`. */
export function declareClusterCommands(program: Command, run: Runner): void {
  const commands = () => import('./commands/cluster-commands.js');
  program
    .command('ls')
    .description('list the clusters of this user, with their backend, owner and job count')
    .option('--json', 'one JSON array')
    .addHelpText('after', '\nExamples:\n  jobqueue ls\n  jobqueue ls --json')
    .action((options: { json?: boolean }) => run(async () => (await commands()).lsCommand(options))());
  program
    .command('status')
    .argument('<name>', 'cluster name')
    .description('jobs (id, state, reason, queued/running time, walltime left) and workers of a cluster')
    .option('--json', 'one JSON object { name, backend, scheduler, dashboardUrl, jobs, workers }')
    .option('--watch', 'redraw every 2 seconds until Ctrl-C')
    .addHelpText('after', '\nExamples:\n  jobqueue status big\n  jobqueue status big --json | jq \'.jobs[].state\'')
    .action((name: string, options: { json?: boolean; watch?: boolean }) => run(async () => (await import('./commands/status-command.js')).statusCommand(name, options))());
  program
    .command('scale')
    .argument('<name>', 'cluster name')
    .argument('<workers>', 'workers wanted (rounded up to whole jobs)')
    .description('ask a running cluster for N workers')
    .addHelpText('after', '\nExamples:\n  jobqueue scale big 16\n  jobqueue scale big 0     # cancels every job, the cluster stays')
    .action((name: string, workers: string) => run(async () => (await commands()).scaleCommand(name, workers))());
  program
    .command('adapt')
    .argument('<name>', 'cluster name')
    .argument('<bounds>', 'MIN:MAX workers')
    .description('let a running cluster follow its load between MIN and MAX workers')
    .addHelpText('after', '\nExamples:\n  jobqueue adapt big 0:40')
    .action((name: string, bounds: string) => run(async () => (await commands()).adaptCommand(name, bounds))());
  program
    .command('logs')
    .argument('<name>', 'cluster name')
    .argument('[job]', 'job key or batch id (default: every job)')
    .description("print the jobs' output files (known when the backend writes them somewhere known, e.g. with --log-directory)")
    .option('--follow', 'keep printing what is appended, until Ctrl-C')
    .option('--lines <n>', 'last lines of each file', '40')
    .addHelpText('after', '\nExamples:\n  jobqueue logs big\n  jobqueue logs big big-3 --follow')
    .action((name: string, job: string | undefined, options: { follow?: boolean; lines: string }) => run(async () => (await import('./commands/logs-command.js')).logsCommand(name, job, options))());
  const down = program
    .command('down')
    .argument('<name>', 'cluster name')
    .description('end a cluster: every job it submitted is cancelled, even when its owner died')
    .addHelpText('after', '\nExamples:\n  jobqueue down big\n  jobqueue down big --ssh alice@login.hpc.example.org   # reach the login node this way instead of the journaled target')
    .action((name: string, options: SshFlags) => run(async () => (await commands()).downCommand(name, options))());
  addSshFlags(down, 'when its owner is gone, cancel its jobs through this login node');
  program
    .command('doctor')
    .argument('[backend]', 'only this batch system')
    .description('which batch systems are installed (with versions), whether their status and accounting commands answer, which address compute nodes would reach, and whether the config file and presets are valid; each problem with its fix')
    .option('--json', 'the findings as JSON')
    .option('--config <file>', 'jobqueue.yaml to check (default $JQ_CONFIG or ~/.config/jobqueue/jobqueue.yaml)')
    .option('--preset <package>', 'site preset package to check: every preset it exports')
    .option('--test-job', 'submit a held job that does nothing (sbatch --hold, qsub -h), check the batch system shows it held, cancel it')
    .option('--ssh <[user@]host[:port]>', 'check a site driven from here instead: log in, try the reverse tunnel and the local forward, say which works and how to fix the others')
    .option('--ssh-identity <file>', 'with --ssh: private key file (ssh -i)')
    .option('--ssh-jump <[user@]host[:port]>', 'with --ssh: jump host(s), comma-separated (ssh -J)')
    .option('--ssh-config <file>', 'with --ssh: ssh config file instead of ~/.ssh/config (ssh -F)')
    .addHelpText(
      'after',
      '\nExamples:\n  jobqueue doctor\n  jobqueue doctor slurm --json\n  jobqueue doctor slurm --test-job\n  jobqueue doctor --preset @site/hpc-presets\n  jobqueue doctor --ssh alice@login.hpc.example.org\n\nExit 2 when the config file or a preset is invalid; 1 when the backend named is unusable (without one: when no batch system is) or its test job failed; else 0.',
    )
    .action((backend: string | undefined, options: DoctorOptions) =>
      run(async () => (await import('./commands/doctor-command.js')).doctorCommand(backend, options))(),
    );
  program
    .command('run')
    .argument('<file>', 'a module whose default export is (client, args) => result; with --dask, a Python script')
    .argument('[args...]', "arguments handed to the file's function (or the script)")
    .description('inside one allocation, on every rank (srun, mpirun, pbsdsh, blaunch): rank 0 runs the scheduler and the file, the other ranks are its workers')
    .option('--dask', 'rank 0 runs a Dask scheduler and the Python script, the other ranks Dask workers')
    .option('--handshake-file <path>', 'where rank 0 leaves the address for the others, on shared storage (default: the submit directory)')
    .option('--port <port>', 'meet at this port of rank 0 instead of a handshake file: no shared storage needed; every rank needs JQ_RUN_SECRET in its environment')
    .option('--scheduler-host <host>', "with --port: rank 0's node as the others dial it (default: the allocation's first node)")
    .option('--threads <n>', 'threads of each worker rank (default 1)')
    .option('--death-timeout <seconds>', 'a worker rank exits this long after losing rank 0 (default 30)')
    .option('--connect-timeout <seconds>', 'rank 0 waits this long for every worker before running anyway (default 120)')
    .option('--python <path>', 'with --dask: the Python that imports distributed on every node')
    .passThroughOptions()
    .addHelpText(
      'after',
      '\nExamples:\n  srun -n 4 jobqueue run ./analysis.mjs 2026-11      # rank 0 prints the result as JSON\n  export JQ_RUN_SECRET=$(openssl rand -hex 32); srun -n 4 jobqueue run --port 47000 ./analysis.mjs\n  mpirun -np 8 jobqueue run --dask ./pipeline.py\n\nExit 0 when the run ended well, 1 when it failed, 2 when the command line is wrong or no rank is in the environment.',
    )
    .action((file: string, args: string[], options: RunCommandFlags) => run(async () => (await import('./commands/run-command.js')).runCommand(file, args, options))());
}
