import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineScheduler } from '../src/index.js';
import { encodeFrame } from '../src/protocol/protocol-codec.js';
import { EngineHarness } from './helpers/engine-harness.js';
import { FakeWorker, parseAddress, rawSocket, socketClosed } from './helpers/fake-worker.js';

let harness: EngineHarness | undefined;
let scheduler: EngineScheduler | undefined;
afterEach(async () => {
  await harness?.stop();
  await scheduler?.close();
  harness = scheduler = undefined;
});

/** The private directory of a started TLS scheduler's key and certificate, from its record. */
function tlsDirectory(scheduler: EngineScheduler): string {
  return (scheduler.record().settings as { tls: { directory: string } }).tls.directory;
}

describe('scheduler with tls: true', () => {
  it('runs tasks on a real worker over TLS, the certificate in its environment; key and certificate are private and go away on close', async () => {
    harness = await new EngineHarness({ tls: true }).start();
    const address = harness.scheduler.address;
    expect(address).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    const argv = harness.scheduler.workerCommand({ jobKey: 'job', pool: 'default', processes: 1, threads: 1, memoryLimit: 0, deathTimeout: 10, extraArgs: [] });
    // The nodes share no file with the scheduler's host: the certificate travels in the job script's environment.
    expect(argv).not.toContain('--tls-ca');
    const certificate = harness.scheduler.workerEnvironment().JQ_ENGINE_TLS_CA as string;
    expect(certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // Unix line ends only: a batch system refuses a script with \r\n in it.
    expect(certificate).not.toContain('\r');
    const directory = tlsDirectory(harness.scheduler);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(join(directory, 'key.pem'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(directory, 'ca.pem'), 'utf8')).replace(/\r\n/g, '\n')).toBe(certificate);
    // The key reaches no worker: neither its path nor its bytes, nor the secret, are on the command line.
    const keyLine = (await readFile(join(directory, 'key.pem'), 'utf8')).split('\n')[1] as string;
    expect(keyLine.length).toBeGreaterThan(40);
    const commandLine = argv.join(' ');
    for (const secret of [keyLine, 'key.pem', harness.scheduler.workerEnvironment().JQ_ENGINE_SECRET as string]) expect(commandLine).not.toContain(secret);
    expect(Object.values(harness.scheduler.workerEnvironment()).join('\n')).not.toContain(keyLine);

    await harness.startWorkers(1);
    await expect(harness.client.submit((x: number) => x * 2, 21)).resolves.toBe(42);
    await expect(harness.client.gather(harness.client.map((x: number) => x + 1, [1, 2, 3]))).resolves.toEqual([2, 3, 4]);
    await harness.stop();
    harness = undefined;
    expect(existsSync(directory)).toBe(false);
  });

  it('drops plain-TCP and untrusting clients at the TLS handshake and keeps serving workers', async () => {
    scheduler = new EngineScheduler({ httpPort: false, tls: true, handshakeTimeout: 0.5 });
    await scheduler.start();
    const secret = scheduler.workerEnvironment().JQ_ENGINE_SECRET as string;
    const plain = await rawSocket(scheduler.address);
    plain.write(encodeFrame({ type: 'auth', response: new Uint8Array(32) }));
    const silent = await rawSocket(scheduler.address); // never says anything: the TLS handshake times out
    await Promise.all([socketClosed(plain), socketClosed(silent)]);

    // Without the scheduler's certificate a client refuses the connection itself.
    const untrusting = await new Promise<Error>((resolve) => connectTls(parseAddress(scheduler!.address), () => resolve(new Error('connected'))).once('error', resolve));
    expect(untrusting).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });

    const ca = Buffer.from(scheduler.workerEnvironment().JQ_ENGINE_TLS_CA as string);
    const worker = await FakeWorker.connect(scheduler.address, ca);
    expect(await worker.handshake(secret, 'secure-0')).toMatchObject({ type: 'welcome' });
    // Over TLS the secret is still checked.
    const impostor = await FakeWorker.connect(scheduler.address, ca);
    expect(await impostor.handshake('wrong', 'impostor-0')).toEqual({ type: 'close', reason: 'auth-failed' });
    expect(scheduler.workers().map((registered) => registered.name)).toEqual(['secure-0']);
    expect(scheduler.metrics()).toMatchObject({ tlsHandshakeFailures: 3, unauthenticated: 1, refusedFrames: { malformed: 0, unknown: 0, oversized: 0 } });
  });
});
