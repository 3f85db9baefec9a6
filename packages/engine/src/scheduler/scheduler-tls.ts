import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { createSelfSignedCertificate } from '@jq/core';

/** A scheduler's TLS key and self-signed certificate, in a private directory of their own. */
export interface TlsMaterial {
  /** The 0700 directory holding both files; removed when the scheduler closes. */
  directory: string;
  /** The certificate workers verify the scheduler against. Not secret: its path goes on worker command lines. */
  caPath: string;
  key: string;
  certificate: string;
}

/**
 * Makes a fresh key and a self-signed certificate for `hosts` (the names and addresses
 * workers dial). The key is written 0600 inside a 0700 directory made by `mkdtemp` under
 * `parent`.
 */
export async function createTlsMaterial(hosts: string[], parent: string): Promise<TlsMaterial> {
  const directory = await mkdtemp(join(parent, 'jq-engine-tls-'));
  try {
    const { key, certificate } = createSelfSignedCertificate({ commonName: 'jq-engine', hosts });
    const caPath = join(directory, 'ca.pem');
    await writeFile(join(directory, 'key.pem'), key, { mode: 0o600, flag: 'wx' });
    await writeFile(caPath, certificate, { mode: 0o644, flag: 'wx' });
    return { directory, caPath, key, certificate };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** Deletes the key and certificate. */
export async function removeTlsMaterial(material: TlsMaterial | undefined): Promise<void> {
  if (material !== undefined) await rm(material.directory, { recursive: true, force: true });
}

/**
 * The listener for workers: plain TCP, or TLS when there is material. A peer that fails
 * the TLS handshake (plain TCP, no trust, too slow) is dropped and reported, nothing more.
 */
export function createWorkerServer(
  material: TlsMaterial | undefined,
  handshakeSeconds: number,
  accept: (socket: Socket) => void,
  refused: () => void,
): Server {
  if (material === undefined) return createTcpServer(accept);
  const server = createTlsServer({ key: material.key, cert: material.certificate, minVersion: 'TLSv1.2', handshakeTimeout: handshakeSeconds * 1000 }, accept);
  server.on('tlsClientError', (_error, socket) => {
    refused();
    socket.destroy();
  });
  return server;
}

/** Stops accepting workers; resolves once the listener is closed. */
export function closeWorkerServer(server: Server | undefined): Promise<void> {
  if (server === undefined || !server.listening) return Promise.resolve();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * The material of a scheduler this one succeeds, written back where it was (workers of
 * the dead owner have the certificate's path on their command lines and trust only it).
 */
export async function restoreTlsMaterial(recorded: { directory: string; key: string; certificate: string }): Promise<TlsMaterial> {
  await mkdir(recorded.directory, { recursive: true, mode: 0o700 });
  await chmod(recorded.directory, 0o700);
  const caPath = join(recorded.directory, 'ca.pem');
  await writeFile(join(recorded.directory, 'key.pem'), recorded.key, { mode: 0o600 });
  await writeFile(caPath, recorded.certificate, { mode: 0o644 });
  return { directory: recorded.directory, caPath, key: recorded.key, certificate: recorded.certificate };
}
