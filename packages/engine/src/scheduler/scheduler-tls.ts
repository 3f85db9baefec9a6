import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, isIP, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { CommandError, ExecaCommandRunner } from '@jq/core';

/** A scheduler's TLS key and self-signed certificate, in a private directory of their own. */
export interface TlsMaterial {
  /** The 0700 directory holding both files; removed when the scheduler closes. */
  directory: string;
  /** The certificate workers verify the scheduler against. Not secret: its path goes on worker command lines. */
  caPath: string;
  key: Buffer;
  certificate: Buffer;
}

/** Days the certificate is valid: it dies with its scheduler long before. */
const validityDays = 365;

/**
 * Makes a fresh key and a self-signed certificate for `hosts` (the names and addresses
 * workers dial). The key is written 0600 inside a 0700 directory made by `mkdtemp`
 * under `parent`; node:crypto cannot sign certificates, so the openssl command does.
 */
export async function createTlsMaterial(hosts: string[], parent: string): Promise<TlsMaterial> {
  const directory = await mkdtemp(join(parent, 'jq-engine-tls-'));
  try {
    const keyPath = join(directory, 'key.pem');
    const caPath = join(directory, 'ca.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    const alternativeNames = [...new Set(hosts)].map((host) => (isIP(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
    const argv = [
      'openssl', 'req', '-x509', '-new', '-key', keyPath, '-out', caPath, '-days', String(validityDays), '-subj', '/CN=jq-engine',
      '-addext', `subjectAltName=${alternativeNames}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,digitalSignature',
    ];
    const result = await new ExecaCommandRunner().run({ argv }, { timeoutMs: 30_000 });
    if (result.exitCode !== 0) {
      const reason = 'could not make the self-signed certificate for tls: true (it needs the openssl command)';
      throw new CommandError('jq/engine', { ...result, kind: 'permanent', reason });
    }
    return { directory, caPath, key: await readFile(keyPath), certificate: await readFile(caPath) };
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
