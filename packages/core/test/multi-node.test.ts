import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, jobKeyReference, jobsFor, nodeIndexReference, renderJobBody, resolveOptions, workersFor, type NodeLauncher } from '../src/index.js';
import { boundsInJobs } from '../src/cluster/adapt-bounds.js';

const base = { cores: 2, memory: '2GB', name: 'demo' };
/** A launcher as a backend declares one; `fake-launch` stands for srun in the shell below. */
const launcher: NodeLauncher = { argv: ['fake-launch', '--per-node=1', 'span[ptile=1]'], nodeIndex: '"$RANK"' };
/** Runs its arguments after the launcher's own once per "node", as srun would, with RANK set per node. */
const fakeLaunch = 'fake-launch() { shift 2; for rank in 0 1 2; do RANK=$rank "$@"; done; }';

describe('nodes: one worker command per node', () => {
  it('validates nodes as a positive whole number and refuses it where the backend has no launcher', () => {
    expect(resolveOptions(base, { packageName: 'jq/test' }).nodes).toBe(1);
    for (const nodes of [0, -1, 1.5, '2']) {
      expect(() => resolveOptions({ ...base, nodes }, { packageName: 'jq/test', nodeLauncher: () => launcher })).toThrow(/nodes/);
    }
    let refusal: unknown;
    try {
      resolveOptions({ ...base, nodes: 2 }, { packageName: '@jq/htcondor', title: 'HTCondor' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as Error).message).toMatch(/nodes.*HTCondor jobs cannot start a worker on each of several nodes/);
    expect(resolveOptions({ ...base, nodes: 1 }, { packageName: '@jq/htcondor', title: 'HTCondor' }).nodes).toBe(1);
    expect(resolveOptions({ ...base, nodes: 4 }, { packageName: 'jq/test', nodeLauncher: () => launcher }).nodes).toBe(4);
  });

  it('renders the launcher, then a per-node shell in which the job key and node index expand on the node', () => {
    const options = resolveOptions({ ...base, nodes: 3 }, { packageName: 'jq/test', nodeLauncher: () => launcher });
    const body = renderJobBody(options, {
      jobKey: 'demo-4',
      command: ['printf', '%s|%s|%s\\n', `--name=${jobKeyReference}`, `--node=${nodeIndexReference}`, "it's $(not run) `nor this` \\ $HOME"],
      environment: {},
      nodeLauncher: launcher,
    });
    const line = body.split('\n').at(-1)!;
    expect(line.startsWith(`fake-launch --per-node=1 span\\[ptile\\=1\\] /bin/sh -c 'JQ_NODE_INDEX="$RANK"; exec printf `)).toBe(true);
    // Run for real: the batch shell hands the quoted command to the launcher untouched, each node's shell expands it once.
    const output = execFileSync('bash', ['-c', `${fakeLaunch}\n${body}`], { env: { PATH: process.env.PATH, HOME: '/home/ada' } }).toString();
    expect(output.split('\n').filter(Boolean)).toEqual([0, 1, 2].map((node) => `--name=demo-4|--node=${node}|it's $(not run) \`nor this\` \\ $HOME`));
  });

  it('keeps a one-node job exactly as before (no launcher, no node index)', () => {
    const options = resolveOptions(base, { packageName: 'jq/test', nodeLauncher: () => launcher });
    const body = renderJobBody(options, { jobKey: 'demo-0', command: ['worker', '--name', jobKeyReference], environment: {} });
    expect(body.split('\n').at(-1)).toBe('worker --name "${JQ_JOB_KEY}"');
  });

  it('sizes a job of N nodes as N times its per-node workers, cores and memory', () => {
    const options = resolveOptions({ cores: 4, memory: '8GB', processes: 2, nodes: 3 }, { packageName: 'jq/test', nodeLauncher: () => launcher });
    expect(workersFor(2, options)).toBe(12);
    expect(jobsFor(6, options)).toBe(1);
    expect(jobsFor(7, options)).toBe(2);
    expect(jobsFor({ cores: 24 }, options)).toBe(2);
    expect(jobsFor({ memory: '24GB' }, options)).toBe(1);
    expect(boundsInJobs({ minimum: 7, maximum: 18 }, options)).toEqual({ minimumJobs: 2, maximumJobs: 3 });
  });
});
