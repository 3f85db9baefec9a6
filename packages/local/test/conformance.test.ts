import { ExecaCommandRunner } from '@jq/core';
import { backendConformanceSuite } from '@jq/conformance';
import { it } from 'vitest';
import { localBackend } from '../src/index.js';

const line = (id: string, fields: object) => ({ id, stdout: `${JSON.stringify({ id, ...fields })}\n{"id":"7","state":"running"}\n` });
const unsupported = 'a local process has no such state';

backendConformanceSuite(it, () => localBackend, {
  options: { cores: 1, memory: '1GB' },
  fixtures: {
    rendering: { rendersOptions: [], cases: [] },
    submit: [{ stdout: '4242\n', ids: ['4242'] }],
    status: {
      queued: line('101', { state: 'queued', reason: 'waiting for a core' }),
      running: line('101', { state: 'running' }),
      completed: { ...line('101', { state: 'exited', exitCode: 0, signal: null }), jobExitCode: 0 },
      failed: { ...line('101', { state: 'exited', exitCode: 2, signal: null }), jobExitCode: 2 },
      cancelled: line('101', { state: 'exited', exitCode: 143, signal: 'SIGTERM', cancelled: true }),
    },
    unreportedStates: { held: unsupported, completing: unsupported, timeout: unsupported, 'out-of-memory': unsupported, preempted: unsupported },
    unknownState: line('101', { state: 'paused' }),
    absentId: '999999',
    errors: { transient: [], permanent: [{ stdout: '', stderr: 'jq-local: unknown job 12\n', exitCode: 1 }] },
  },
  endToEnd: {
    environment: async () => ({ runner: new ExecaCommandRunner(), vanish: (id) => void process.kill(Number(id), 'SIGKILL'), teardown: () => undefined }),
  },
});
