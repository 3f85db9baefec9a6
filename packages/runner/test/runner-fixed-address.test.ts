import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allocationFirstHost, firstOfHostList, runInAllocation } from '../src/index.js';
import { fixedAddress } from '../src/runner-fixed-address.js';
import type { AllocationRank } from '../src/index.js';

const workerRank: AllocationRank = { rank: 1, size: 2, launcher: 'slurm', jobId: '7' };
const neverRun = () => Promise.reject(new Error('main must not run'));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("rank 0's host at a fixed port", () => {
  it.each([
    ['vm,vm2', 'vm'],
    ['node[01-04,07]', 'node01'],
    ['node[07,01-04]', 'node07'],
    ['rack[2-3]-gpu[10-11],login1', 'rack2-gpu10'],
    ['  single  ', 'single'],
  ])('takes the first host of the Slurm host list %s', (list, host) => {
    expect(firstOfHostList(list)).toBe(host);
    expect(allocationFirstHost({ SLURM_JOB_NODELIST: list })).toBe(host);
  });

  it('reads the first line of the PBS node file and the first host of LSF, and knows none under a bare mpirun', () => {
    const directory = mkdtempSync(join(tmpdir(), 'jq-run-hosts-'));
    try {
      const nodeFile = join(directory, 'nodes');
      writeFileSync(nodeFile, 'cn017.cluster\ncn017.cluster\ncn018.cluster\n');
      expect(allocationFirstHost({ PBS_NODEFILE: nodeFile })).toBe('cn017.cluster');
      expect(allocationFirstHost({ PBS_NODEFILE: join(directory, 'missing') })).toBeUndefined();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    expect(allocationFirstHost({ LSB_MCPU_HOSTS: 'hostA 2 hostB 2' })).toBe('hostA');
    expect(allocationFirstHost({ LSB_HOSTS: 'hostC hostC hostD' })).toBe('hostC');
    expect(allocationFirstHost({ OMPI_COMM_WORLD_RANK: '1', OMPI_COMM_WORLD_SIZE: '2' })).toBeUndefined();
  });
});

describe('the fixed address', () => {
  it.each([
    ['cn017.cluster', 'cn017.cluster', 'tcp://cn017.cluster:40123', '0.0.0.0'],
    ['10.0.0.5', '10.0.0.5', 'tcp://10.0.0.5:40123', '0.0.0.0'],
    ['::1', '::1', 'tcp://[::1]:40123', '::'],
    ['[fd00::2]', 'fd00::2', 'tcp://[fd00::2]:40123', '::'],
  ])('for schedulerHost %s: host %s, dialled as %s, rank 0 listening on %s', (schedulerHost, host, address, listenHost) => {
    expect(fixedAddress(40_123, schedulerHost, workerRank, {})).toEqual({ host, port: 40_123, address, listenHost });
  });

  it("takes the allocation's first node when no schedulerHost is given", () => {
    expect(fixedAddress(40_123, undefined, workerRank, { SLURM_JOB_NODELIST: 'node[03-04]' }).address).toBe('tcp://node03:40123');
  });
});

describe('runInAllocation at a fixed port refuses', () => {
  it('a missing or short JQ_RUN_SECRET, naming the variable and never echoing the value', async () => {
    vi.stubEnv('SLURM_JOB_NODELIST', 'vm');
    vi.stubEnv('JQ_RUN_SECRET', undefined);
    await expect(runInAllocation(neverRun, { port: 40_123, rank: workerRank })).rejects.toThrow(/\[jq\/runner\] JQ_RUN_SECRET: .*at least 32 characters.*\(it is not set\)/);
    vi.stubEnv('JQ_RUN_SECRET', 'short-secret-value');
    const refusal = runInAllocation(neverRun, { port: 40_123, rank: workerRank });
    await expect(refusal).rejects.toThrow(/\(it has 18 characters\)/);
    await expect(refusal).rejects.not.toThrow(/short-secret-value/);
  });

  it('a port outside 1–65535, a launcher that does not name rank 0’s node without schedulerHost, and TLS', async () => {
    vi.stubEnv('JQ_RUN_SECRET', 'a'.repeat(32));
    vi.stubEnv('SLURM_JOB_NODELIST', undefined);
    vi.stubEnv('SLURM_NODELIST', undefined);
    vi.stubEnv('PBS_NODEFILE', undefined);
    vi.stubEnv('LSB_MCPU_HOSTS', undefined);
    vi.stubEnv('LSB_HOSTS', undefined);
    await expect(runInAllocation(neverRun, { port: 70_000, schedulerHost: 'h', rank: workerRank })).rejects.toThrow(/port: expected a whole number 1–65535 \(got 70000\)/);
    await expect(runInAllocation(neverRun, { port: 0, schedulerHost: 'h', rank: workerRank })).rejects.toThrow(/port: expected/);
    const mpiRank: AllocationRank = { rank: 1, size: 2, launcher: 'open-mpi', jobId: undefined };
    await expect(runInAllocation(neverRun, { port: 40_123, rank: mpiRank })).rejects.toThrow(/schedulerHost: open-mpi does not say which node rank 0 runs on/);
    await expect(runInAllocation(neverRun, { port: 40_123, schedulerHost: 'h', scheduler: { tls: true }, rank: workerRank })).rejects.toThrow(/scheduler\.tls: workers at a fixed port/);
  });
});
