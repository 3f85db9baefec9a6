import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { remoteCommandLine, submitOnceScript } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'jq-ssh-scripts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the login node's shell would run, run by a real shell here: the argv it ends up with, one NUL-ended word each. */
function wordsAfter(shell: string, line: string): string[] {
  const output = execFileSync(shell, ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', cwd: scratch, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch } });
  return output.split('\0').slice(0, -1);
}

const attacks = [
  '$(rm -rf ~)',
  "'; touch /tmp/x",
  '`touch pwned-backtick`',
  '"; touch pwned-double; "',
  '$(touch pwned-subshell)',
  '; touch pwned-semicolon',
  '&& touch pwned-and',
  '| touch pwned-pipe',
  '\ntouch pwned-newline',
  '$HOME ${HOME} $((1+1)) ~ * ? [a]',
  "it's \\ back\\slash",
  '-oProxyCommand=touch pwned-flag',
  '',
];

describe('remote command lines', () => {
  it.each(['bash', 'sh'])('injection attempts in argv stay single, inert words under %s', (shell) => {
    const argv = ['sbatch', '--parsable', `--job-name=${attacks[0]}`, ...attacks];
    expect(wordsAfter(shell, remoteCommandLine({ argv: argv.slice(1) }))).toEqual(argv.slice(1));
    expect(readdir()).toEqual([]);
  });

  it('environment variables go through env, their values quoted', () => {
    expect(wordsAfter('bash', remoteCommandLine({ argv: ['squeue', '--me'], env: { SLURM_CONF: "/x/$(touch y)'" } }))).toEqual(['env', "SLURM_CONF=/x/$(touch y)'", 'squeue', '--me']);
    expect(() => remoteCommandLine({ argv: ['squeue'], env: { 'A;touch x': '1' } })).toThrow(/environment variable names/);
  });

  it('any string survives the trip through bash unchanged (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 0, maxLength: 12 }).filter((value) => !value.includes('\0')), { minLength: 1, maxLength: 4 }), (words) => {
        expect(wordsAfter('bash', remoteCommandLine({ argv: words }))).toEqual(words);
      }),
      { numRuns: 40 },
    );
    expect(readdir()).toEqual([]);
  });
});

function readdir(): string[] {
  return execFileSync('ls', ['-A', scratch], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('once-only submit', () => {
  const counter = join(scratch, 'submits');
  // A stand-in for sbatch: counts its runs, prints a job id, exits with the status in $1.
  const fakeSubmit = (status: number) => `sh -c 'echo run >> ${counter}; echo 4242; echo warned >&2; exit ${status}'`;
  const run = (record: string, status: number, wait = 2) => spawnSync('sh', ['-c', submitOnceScript(fakeSubmit(status), record, wait)], { encoding: 'utf8' });
  const runs = () => (existsSync(counter) ? readFileSync(counter, 'utf8').split('\n').filter(Boolean).length : 0);

  it('a repeat replays the first answer without submitting again', () => {
    const record = join(scratch, 'job-1.sh.submit');
    const first = run(record, 0);
    expect([first.status, first.stdout, first.stderr]).toEqual([0, '4242\n', 'warned\n']);
    const again = run(record, 0);
    expect([again.status, again.stdout, again.stderr]).toEqual([0, '4242\n', 'warned\n']);
    expect(runs()).toBe(1);
  });

  it('a failed submit is run again on a repeat (only a success is kept)', () => {
    writeFileSync(counter, '');
    const record = join(scratch, 'job-2.sh.submit');
    expect(run(record, 3).status).toBe(3);
    expect(run(record, 0).status).toBe(0);
    expect(runs()).toBe(2);
  });

  it('a submit that reads its script on standard input reads the uploaded copy', () => {
    const record = join(scratch, 'job-4.sh.submit');
    const script = join(scratch, 'job-4.sh');
    writeFileSync(script, '#BSUB -J x\necho from stdin\n');
    const result = spawnSync('sh', ['-c', submitOnceScript('cat', record, 2, script)], { encoding: 'utf8' });
    expect([result.status, result.stdout]).toEqual([0, '#BSUB -J x\necho from stdin\n']);
  });

  it('while an earlier try still runs, a repeat waits, then says so with exit 75', () => {
    writeFileSync(counter, '');
    const record = join(scratch, 'job-3.sh.submit');
    execFileSync('mkdir', [record]);
    const result = run(record, 0, 1);
    expect(result.status).toBe(75);
    expect(result.stderr).toContain('[jq/ssh] an earlier submit of this job is still running');
    expect(runs()).toBe(0);
  });
});
