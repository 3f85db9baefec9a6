import type { AddressInfo, Server, Socket } from 'node:net';
import { advertisedHost } from './scheduler-host.js';
import { formatHost } from './scheduler-http-service.js';
import type { ResolvedEngineSchedulerOptions } from './scheduler-options.js';
import type { RecordedTls } from './scheduler-record.js';
import { createTlsMaterial, createWorkerServer, restoreTlsMaterial, type TlsMaterial } from './scheduler-tls.js';

/**
 * What the scheduler's worker port holds. Filled in as listening goes, so a scheduler
 * whose listen failed half-way still closes its server and removes its TLS material.
 */
export interface WorkerPort {
  server: Server | undefined;
  tls: TlsMaterial | undefined;
}

/** What happens on the worker port. */
export interface WorkerPortHandlers {
  /** A worker connected (after the TLS handshake, with TLS). */
  accept: (socket: Socket) => void;
  /** A TLS handshake failed or timed out. */
  handshakeFailed: () => void;
}

/**
 * Opens the port workers connect to: TLS material first when asked for (fresh, or that of
 * the scheduler this one succeeds, so its workers reconnect), then the server on the
 * configured host and port. Returns the address workers dial, `tcp://` or `tls://`.
 */
export async function listenForWorkers(port: WorkerPort, options: ResolvedEngineSchedulerOptions, restoredTls: RecordedTls | undefined, handlers: WorkerPortHandlers): Promise<string> {
  const host = advertisedHost(options.host);
  if (options.tls) port.tls = restoredTls === undefined ? await createTlsMaterial([host, '127.0.0.1', 'localhost'], options.tlsDirectory) : await restoreTlsMaterial(restoredTls);
  const server = createWorkerServer(port.tls, options.handshakeTimeout, handlers.accept, handlers.handshakeFailed);
  port.server = server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const listening = (server.address() as AddressInfo).port;
  return `${port.tls === undefined ? 'tcp' : 'tls'}://${formatHost(host)}:${listening}`;
}
