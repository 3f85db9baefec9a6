import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, type CommandRunner, JobQueueCluster, chooseRunner, resolveOptions, withChosenRunner } from '../src/index.js';
import { RecordingCommandRunner, TestScheduler } from '../src/testing/index.js';
import { fakeBackend } from './support/fake-batch.js';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const lazyLoad = fileURLToPath(new URL('./fixtures/ssh-lazy-load.ts', import.meta.url));
const temporary: string[] = [];
afterEach(() => {
  for (const directory of temporary.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A project directory; with `installed`, it holds an `@jq/ssh` whose runner answers like the fake batch system and logs what it was asked. */
function project(installed: boolean): string {
  const directory = mkdtempSync(join(tmpdir(), 'jq-ssh-project-'));
  temporary.push(directory);
  if (installed) {
    const packageDirectory = join(directory, 'node_modules', '@jq', 'ssh');
    mkdirSync(packageDirectory, { recursive: true });
    writeFileSync(join(packageDirectory, 'package.json'), JSON.stringify({ name: '@jq/ssh', type: 'module', main: 'index.js' }));
    // A stand-in at the process boundary: it runs nothing, it records what core handed it.
    writeFileSync(
      join(packageDirectory, 'index.js'),
      [
        'const log = (globalThis.jqSshLog ??= []);',
        'export class SshCommandRunner {',
        '  constructor(setting) { log.push(["new", setting]); }',
        '  async connect(scheduler) { log.push(["connect", scheduler.address]); return { workerAddress: "tcp://login1:40001" }; }',
        '  async run(command) {',
        '    log.push(["run", command.argv[0]]);',
        '    const [program, ...rest] = command.argv;',
        '    const stdout = program === "fsub" ? "101\\n" : program === "fstat" ? rest.map((id) => `${id} R\\n`).join("") : "";',
        '    return { argv: command.argv, exitCode: 0, stdout, stderr: "", timedOut: false };',
        '  }',
        '  async close() { log.push(["close"]); }',
        '}',
      ].join('\n'),
    );
  }
  return directory;
}

const base = { name: 'via-ssh', cores: 1, memory: '1GB' };

function issuesOf(options: Record<string, unknown>): string[] {
  try {
    resolveOptions({ ...base, ...options }, fakeBackend);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  return [];
}

describe('the ssh option', () => {
  it('is a cluster option: accepted as given, checked with the rest', () => {
    const ssh = { host: 'login.hpc.example.org', user: 'alice', port: 2222, identityFile: '~/.ssh/id_ed25519', jumpHost: 'gate.example.org' };
    expect(resolveOptions({ ...base, ssh }, fakeBackend).ssh).toEqual(ssh);
    expect(issuesOf({ ssh: { host: 'h', user: 'a@b', port: 0 }, queue: 'a b' }).sort()).toEqual([
      'queue: must be a plain word: letters, digits and . _ + @ : / , = % - only',
      'ssh.port: a whole number from 1 to 65535',
      'ssh.user: a login name (letters, digits, ".", "-", "_"; no "@")',
    ]);
  });

  it.each([
    [{ ssh: 'login1' }, ['ssh: must be object']],
    [{ ssh: {} }, ['ssh.host: a host name, IP address or ssh config alias (letters, digits, ".", "-", "_", ":")']],
    [{ ssh: { host: '-oProxyCommand=sh' } }, ['ssh.host: a host name, IP address or ssh config alias (letters, digits, ".", "-", "_", ":")']],
    [{ ssh: { host: 'h', 'identity-file': 'k' } }, ['ssh.identity-file: write it as identityFile']],
    [{ ssh: { host: 'h', password: 'x' } }, [expect.stringMatching(/^ssh\.password: a known option \(host, user, port, identityFile, jumpHost/)]],
    [{ ssh: { host: 'h', jumpHost: 'gate;touch /tmp/x' } }, ['ssh.jumpHost: [user@]host[:port], several separated by ","']],
  ])('%j is refused, naming the option and what is expected', (options, expected) => {
    expect(issuesOf(options)).toEqual(expected);
  });

  it('comes from the config file too, under the backend section', () => {
    const directory = project(false);
    const config = join(directory, 'jobqueue.yaml');
    writeFileSync(config, 'fake:\n  ssh:\n    host: login1\n    user: alice\n    port: 2200\n');
    const cluster = new JobQueueCluster({ backend: fakeBackend, scheduler: new TestScheduler(), options: base, config, handleExit: false, journal: false });
    expect(cluster.options.ssh).toEqual({ host: 'login1', user: 'alice', port: 2200 });
    writeFileSync(config, 'fake:\n  ssh:\n    host: login1\n    port: twenty\n');
    expect(() => new JobQueueCluster({ backend: fakeBackend, scheduler: new TestScheduler(), options: base, config, handleExit: false })).toThrow(/ssh\.port: a whole number from 1 to 65535 \(got "twenty"/);
  });
});

/** Runs fixtures/ssh-lazy-load.ts in its own Node process, in `directory`; its report. */
function inProject(directory: string, scenario: string): Record<string, unknown> {
  // pnpm's NODE_PATH names every workspace package; a user's project has only what it installed
  const { NODE_PATH: _workspace, ...environment } = process.env;
  const output = execFileSync(process.execPath, ['--import', tsx, '--conditions=@jq/source', lazyLoad, scenario], { cwd: directory, env: environment, encoding: 'utf8', timeout: 280_000 });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

// Each test starts a Node process through tsx: minutes on a machine under load, so a generous bound.
describe('loading @jq/ssh lazily (in a project process of its own)', { timeout: 300_000 }, () => {
  const ssh = { host: 'login1', user: 'alice', identityFile: '/home/alice/.ssh/id_ed25519' };

  it('imports nothing until the cluster starts; then its runner logs in, tunnels, runs every command and is closed last; the journal keeps the target', () => {
    const report = inProject(project(true), 'cluster');
    expect(report.afterConstruction).toEqual([]);
    expect(report.afterStart).toEqual([['new', ssh], ['connect', 'test://scheduler']]);
    expect(report.journaled).toEqual(ssh);
    expect(report.jobs).toEqual(['101']);
    expect(report.dialed).toEqual(['tcp://login1:40001']);
    const programs = (report.afterClose as string[][]).slice(2).map(([what, program]) => program ?? what);
    expect(programs[0]).toBe('fsub');
    expect(programs).toContain('fdel');
    expect(programs.at(-1)).toBe('close');
  });

  it('without @jq/ssh installed: start() fails saying to npm i @jq/ssh', () => {
    const report = inProject(project(false), 'missing');
    expect(report.code).toBe('JQ_CONFIG_INVALID');
    expect(report.message).toMatch(/^\[jq\/core\] the ssh option needs @jq\/ssh, which is not installed here: run `npm i @jq\/ssh` in this project/);
  });

  it('down from another process reaches the cluster through the journaled ssh target, and ends that connection', () => {
    const report = inProject(project(true), 'down');
    expect(report.down).toEqual({ closedByOwner: false, cancelled: ['7', '8'] });
    expect(report.log).toEqual([['new', ssh], ['run', 'fstat'], ['run', 'fdel'], ['close']]);
  });

  it('a runner passed in wins; without ssh there is none to choose; one made for one-off work is closed after it', async () => {
    const given = new RecordingCommandRunner();
    expect(chooseRunner({ ssh: { host: 'login1' } }, given)).toBe(given);
    expect(chooseRunner({}, undefined)).toBeUndefined();
    const closed: string[] = [];
    class Recorder implements CommandRunner {
      async run(command: { argv: string[] }) {
        return { argv: command.argv, exitCode: 0, stdout: 'ok', stderr: '', timedOut: false };
      }
      async close() {
        closed.push('closed');
      }
    }
    const modules = { '@jq/ssh': { SshCommandRunner: Recorder } };
    const answer = await withChosenRunner({ ssh: { host: 'login1' } }, undefined, modules, async (runner) => (await runner.run({ argv: ['squeue'] }, { timeoutMs: 1000 })).stdout);
    expect([answer, closed]).toEqual(['ok', ['closed']]);
    await withChosenRunner({ ssh: { host: 'login1' } }, given, modules, async () => undefined);
    expect(closed).toEqual(['closed']);
  });
});
