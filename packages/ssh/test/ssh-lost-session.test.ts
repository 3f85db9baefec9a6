import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SshCommandRunner } from '../src/index.js';

// The system ssh is replaced on PATH by a script that runs "remote" commands here and drops
// one session on request (test/fixtures/fake-ssh/ssh): what OpenSSH does, at the process boundary.
const fakeSshDirectory = fileURLToPath(new URL('./fixtures/fake-ssh', import.meta.url));
const savedPath = process.env.PATH;
let state: string;
let runner: SshCommandRunner;

beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'jq-fake-ssh-'));
  process.env.PATH = `${fakeSshDirectory}:${savedPath ?? ''}`;
  process.env.FAKE_SSH_STATE = state;
  runner = new SshCommandRunner({ host: 'login.example.org', tunnel: 'forward', remoteDirectory: join(state, 'login-node') });
});

afterEach(async () => {
  await runner.close();
  process.env.PATH = savedPath;
  delete process.env.FAKE_SSH_STATE;
  delete process.env.FAKE_SSH_DROP;
  rmSync(state, { recursive: true, force: true });
});

describe('a session that ends with 255 and says nothing', () => {
  it('is a lost connection when the master no longer answers, though its process has not exited yet: run again on a new one', async () => {
    process.env.FAKE_SSH_DROP = 'answer-after-drop';
    const result = await runner.run({ argv: ['printf', '%s', 'answer-after-drop'] }, { timeoutMs: 30_000 });
    // Taken for the command's own status, this was exit 255: a submit's job id lost, the job left behind.
    expect(result).toMatchObject({ exitCode: 0, stdout: 'answer-after-drop' });
    expect(runner.connections).toBe(2);
    expect(readFileSync(join(state, 'operations'), 'utf8').split('\n').filter((operation) => operation === 'master')).toHaveLength(2);
  });

  it('is the command\'s own exit status while the master still answers', async () => {
    const result = await runner.run({ argv: ['sh', '-c', 'exit 255'] }, { timeoutMs: 30_000 });
    expect(result.exitCode).toBe(255);
    expect(runner.connections).toBe(1);
  });
});
