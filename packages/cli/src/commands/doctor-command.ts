import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { delimiter, join } from 'node:path';
import { CliUsageError } from '../cli-errors.js';
import { renderTable } from '../cli-table.js';
import { type BatchSystemProbes, batchSystems } from '../doctor-probes.js';
import { settingsLines, testJobLines, testJobPassed } from '../doctor-report.js';
import { checkSettings } from '../doctor-settings.js';
import { checkSshDoctor, sshDoctorLines } from '../doctor-ssh.js';
import { runTestJob, type TestJobReport, testJobBackends } from '../doctor-test-job.js';
import { sshSettingFromFlags } from '../ssh-flags.js';

/** `doctor`'s flags. */
export interface DoctorOptions {
  json?: boolean;
  config?: string;
  preset?: string;
  testJob?: boolean;
  ssh?: string;
  sshIdentity?: string;
  sshJump?: string;
  sshConfig?: string;
}

/** What doctor found for one batch system. */
interface Finding {
  backend: string;
  title: string;
  missing: string[];
  version: string | null;
  status: 'answers' | 'fails' | 'not checked';
  accounting: 'answers' | 'fails' | 'not checked';
  usable: boolean;
  fix: string | null;
}

/**
 * `jobqueue doctor [backend]`: which batch systems' programs are on PATH (with versions),
 * whether status and accounting answer, the addresses compute nodes could reach, the
 * config file and presets validated, and (`--test-job`) a held job submitted and cancelled.
 * Exit 2 when the config file or a preset is invalid; else 1 when the named backend
 * is unusable (without one: when no batch system but local is) or its test job failed; else 0.
 */
export async function doctorCommand(backend: string | undefined, options: DoctorOptions): Promise<number> {
  const ssh = sshSettingFromFlags(options);
  if (ssh !== undefined) return doctorSsh(ssh, options.json === true);
  if (backend !== undefined && batchSystems[backend] === undefined) throw new CliUsageError(`unknown backend "${backend}"`, `one of ${Object.keys(batchSystems).join(', ')}`);
  if (options.testJob && backend !== undefined && !testJobBackends.includes(backend)) throw new CliUsageError(`--test-job is not available for ${backend}`, `it is for ${testJobBackends.join(', ')}`);
  const names = backend === undefined ? Object.keys(batchSystems) : [backend];
  const findings = await Promise.all(names.map((name) => examine(name, batchSystems[name]!)));
  const network = addresses();
  const settings = await checkSettings(names, options);
  const testJobs: TestJobReport[] = [];
  if (options.testJob) {
    for (const finding of findings.filter((entry) => entry.usable && testJobBackends.includes(entry.backend))) testJobs.push(await runTestJob(finding.backend));
  }
  const usable = (backend === undefined ? findings.some((finding) => finding.usable && finding.backend !== 'local') : findings[0]!.usable) && testJobs.every(testJobPassed);
  const exitCode = settings.problems.length > 0 ? 2 : usable ? 0 : 1;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ batchSystems: findings, network, settings, testJobs }, null, 2)}\n`);
    return exitCode;
  }
  const rows = findings.map((finding) => [finding.backend, finding.missing.length > 0 ? `missing ${finding.missing.join(', ')}` : finding.usable || finding.status === 'fails' ? 'yes' : 'no (other system)', finding.version ?? '-', finding.status, finding.accounting]);
  const lines = [renderTable(['backend', 'installed', 'version', 'status', 'accounting'], rows)];
  for (const finding of findings.filter((entry) => entry.fix && (backend !== undefined || entry.missing.length < batchSystems[entry.backend]!.programs.length))) {
    lines.push(`${finding.backend}: ${finding.fix}`);
  }
  lines.push('', 'network (IPv4):', ...network.interfaces.map((entry) => `  ${entry.name.padEnd(10)} ${entry.address}${entry.internal ? '  (loopback: this machine only)' : ''}`), '', network.advice);
  if (options.testJob) lines.push('', ...(testJobs.length > 0 ? testJobLines(testJobs) : ['test job: no usable batch system to try it on']));
  lines.push('', ...settingsLines(settings));
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
}

/** `doctor --ssh`: the site check alone (this machine is not where the batch system runs); exit 0 when a tunnel mode works. */
async function doctorSsh(setting: Parameters<typeof checkSshDoctor>[0], json: boolean): Promise<number> {
  const findings = await checkSshDoctor(setting);
  process.stdout.write(json ? `${JSON.stringify({ ssh: findings }, null, 2)}\n` : `${sshDoctorLines(findings).join('\n')}\n`);
  return findings.recommended === undefined ? 1 : 0;
}

async function examine(name: string, system: BatchSystemProbes): Promise<Finding> {
  const missing = system.programs.filter((program) => !onPath(program));
  const results = new Map<string, { ok: boolean; output: string }>();
  if (missing.length < system.programs.length || system.programs.length === 0) {
    for (const probe of system.probes) if (onPath(probe.argv[0]!)) results.set(probe.role, await run(probe.argv));
  }
  const answer = (role: string) => (results.has(role) ? (results.get(role)!.ok ? 'answers' : 'fails') : 'not checked') as Finding['status'];
  const version = results.get('version')?.output.split('\n').find((line) => line.trim())?.trim() ?? null;
  const status = answer('status');
  const foreign = system.foreign && version !== null && system.foreign.pattern.test(version) ? system.foreign.system : undefined;
  const usable = missing.length === 0 && status !== 'fails' && foreign === undefined;
  const fix =
    missing.length > 0
      ? system.fix
      : foreign
        ? `${system.programs.join(', ')} on PATH are ${foreign}'s, not ${system.title}'s: use the ${foreign} backend, or ${system.fix}`
        : status === 'fails'
          ? `${system.probes.find((probe) => probe.role === 'status')!.argv.join(' ')} fails: ${results.get('status')!.output.split('\n')[0]}`
          : null;
  if (foreign) return { backend: name, title: system.title, missing, version, status: 'not checked', accounting: 'not checked', usable, fix };
  return { backend: name, title: system.title, missing, version, status, accounting: answer('accounting'), usable, fix };
}

function onPath(program: string): boolean {
  if (program.includes('/')) return true;
  return (process.env.PATH ?? '').split(delimiter).some((directory) => {
    try {
      accessSync(join(directory, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function run(argv: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(argv[0]!, argv.slice(1), { timeout: 15_000 }, (error, stdout, stderr) => resolve({ ok: error === null, output: `${stdout}${stderr}`.trim() }));
  });
}

/** IPv4 addresses of this host and which one compute nodes would reach. */
function addresses(): { interfaces: Array<{ name: string; address: string; internal: boolean }>; advice: string } {
  const interfaces = Object.entries(networkInterfaces()).flatMap(([name, entries]) =>
    (entries ?? []).filter((entry) => entry.family === 'IPv4').map((entry) => ({ name, address: entry.address, internal: entry.internal })),
  );
  const external = interfaces.find((entry) => !entry.internal);
  const advice = external
    ? `The scheduler listens on 127.0.0.1 by default: only workers on this machine reach it. For workers on compute nodes, add --scheduler-interface ${external.name} (${external.address}) to \`jobqueue up\`, or the interface of the network they share (often ib0).`
    : 'No interface besides loopback: only workers on this machine can reach a scheduler here.';
  return { interfaces, advice };
}
