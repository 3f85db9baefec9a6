import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jobKeyReference, localDirectoryReference, renderHeader, renderJobBody, renderJobScript, resolveOptions } from '../src/index.js';

const base = { cores: 2, memory: '2GB', name: 'demo' };

// Several cases run the script in bash: a process start takes seconds on a busy machine.
describe('job script rendering', { timeout: 60_000 }, () => {
  it('exports the job name, environment, prologue, command and epilogue in order', () => {
    const options = resolveOptions(
      { ...base, env: { PATH: '$HOME/bin:$PATH', ODD: "it's; $(rm -rf /)" }, jobScriptPrologue: ['module load x'], jobScriptEpilogue: ['echo done'] },
      { packageName: 'jq/test' },
    );
    const body = renderJobBody(options, {
      jobKey: 'demo-3',
      command: ['/usr/bin/worker', 'tcp://h:1', '--name', jobKeyReference, `--tag=${jobKeyReference}-x`],
      environment: { SECRET: 'abc', ...options.env },
    });
    expect(body.split('\n')).toEqual([
      'export JQ_JOB_KEY=demo-3',
      'export SECRET=abc',
      'export PATH="$HOME/bin:$PATH"',
      `export ODD="it's; \\$(rm -rf /)"`,
      'module load x',
      '/usr/bin/worker tcp://h:1 --name "${JQ_JOB_KEY}" --tag="${JQ_JOB_KEY}"-x',
      'echo done',
    ]);
  });

  it('runs in bash with variables expanded and command substitution inert', () => {
    const options = resolveOptions({ ...base, env: { GREETING: 'hi $USER_NAME', TRAP: '$(echo injected)`echo injected`' } }, { packageName: 'jq/test' });
    const body = renderJobBody(options, { jobKey: 'demo-0', command: ['printf', '%s|%s|%s', '$GREETING', jobKeyReference, '$TRAP'], environment: options.env });
    const script = body.replace(/^printf .*$/m, 'printf "%s|%s|%s" "$GREETING" "$JQ_JOB_KEY" "$TRAP"');
    const output = execFileSync('bash', ['-c', script], { env: { USER_NAME: 'ada' } }).toString();
    expect(output).toBe('hi ada|demo-0|$(echo injected)`echo injected`');
    const direct = execFileSync('bash', ['-c', body]).toString();
    expect(direct).toBe('$GREETING|demo-0|$TRAP');
  });

  it('expands variables in localDirectory inside the job, and nothing else', () => {
    const options = resolveOptions({ ...base, localDirectory: '$SCRATCH/jq $(id)' }, { packageName: 'jq/test' });
    const body = renderJobBody(options, { jobKey: 'demo-1', command: ['echo', `--local-directory=${localDirectoryReference}`], environment: {} });
    expect(execFileSync('bash', ['-c', body], { env: { SCRATCH: '/scratch/ada' } }).toString()).toBe('--local-directory=/scratch/ada/jq $(id)\n');
    const expanding = resolveOptions({ ...base, localDirectory: '$TMPDIR/jq' }, { packageName: 'jq/test' });
    const expanded = renderJobBody(expanding, { jobKey: 'demo-1', command: ['echo', localDirectoryReference], environment: {} });
    expect(execFileSync('bash', ['-c', expanded], { env: { TMPDIR: '/local/tmp' } }).toString()).toBe('/local/tmp/jq\n');
  });

  it('computes array task names from the index variable', () => {
    const options = resolveOptions(base, { packageName: 'jq/test' });
    const body = renderJobBody(options, {
      jobKey: 'demo-4',
      command: ['echo', jobKeyReference],
      environment: {},
      array: { indexVariable: 'TASK', clusterName: 'demo', firstIndex: 4 },
    });
    expect(execFileSync('bash', ['-c', body], { env: { TASK: '2' } }).toString()).toBe('demo-6\n');
  });

  it('skips generated directives by substring but never the extra ones', () => {
    const options = resolveOptions({ ...base, jobDirectivesSkip: ['--mem'], jobExtraDirectives: ['--mem-per-cpu=1G'] }, { packageName: 'jq/test' });
    const header = renderHeader('#SBATCH', ['-J jq-worker', '--mem=2G'], options);
    expect(header).toEqual(['#SBATCH -J jq-worker', '#SBATCH --mem-per-cpu=1G']);
    expect(renderJobScript(options, header, 'run')).toBe('#!/usr/bin/env bash\n\n#SBATCH -J jq-worker\n#SBATCH --mem-per-cpu=1G\nrun\n');
  });
});
