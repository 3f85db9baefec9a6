import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { execa } from 'execa';

/**
 * The least any engine round trip pays on this machine: its two hops measured bare, with
 * nothing on them but one byte or one small message. A task goes scheduler → worker
 * process over TCP and worker process → its task thread by `postMessage`, and back.
 */

/** Echoes every byte back on a TCP connection to the port in argv (`node -e`: argv[1]). */
const tcpEcho = `
const net = require('node:net');
const socket = net.connect(Number(process.argv[1]), '127.0.0.1');
socket.setNoDelay(true);
socket.on('data', (data) => socket.write(data));
socket.on('close', () => process.exit(0));
`;

/** Sends one message at a time, waiting for each answer; the latencies after the warm-up, ms. */
async function pingPong(send: () => void, onAnswer: (listener: () => void) => void, warmup: number, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  let count = 0;
  await new Promise<void>((resolve) => {
    onAnswer(() => {
      if (count >= warmup) latencies.push(performance.now() - started);
      count += 1;
      if (count === warmup + samples) return resolve();
      started = performance.now();
      send();
    });
    started = performance.now();
    send();
  });
  return latencies;
}

/** One-byte ping-pong with a Node process over loopback TCP, Nagle off (as the engine's connections). */
export async function tcpRoundTrips(warmup: number, samples: number): Promise<number[]> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const child = execa(process.execPath, ['-e', tcpEcho, String((server.address() as AddressInfo).port)], { reject: false, stdio: 'ignore' });
  try {
    const [socket] = (await once(server, 'connection')) as [Socket];
    socket.setNoDelay(true);
    const byte = Buffer.from([1]);
    const latencies = await pingPong(
      () => socket.write(byte),
      (listener) => socket.on('data', listener),
      warmup,
      samples,
    );
    socket.destroy();
    return latencies;
  } finally {
    child.kill();
    await child;
    server.close();
  }
}

/** `postMessage` ping-pong with a worker thread, carrying a one-task batch like the engine's. */
export async function threadRoundTrips(warmup: number, samples: number): Promise<number[]> {
  const echo = `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (message) => parentPort.postMessage(message));`;
  const thread = new Worker(echo, { eval: true });
  try {
    const message = { tasks: [{ taskId: 't-1', kind: 'function', source: '(x) => x + 1', args: [1] }] };
    return await pingPong(
      () => thread.postMessage(message),
      (listener) => thread.on('message', listener),
      warmup,
      samples,
    );
  } finally {
    await thread.terminate();
  }
}
