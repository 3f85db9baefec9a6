import { join } from 'node:path';
import { createSelfSignedCertificate } from '@jq/core';
import { DaskError } from './dask-errors.js';
import { writePrivateFile } from './dask-private-directory.js';

/** A cluster's TLS key and self-signed certificate, as PEM text (kept in the journal to restart on them). */
export interface DaskTlsMaterial {
  /** The certificate every role presents and trusts (the cluster's own CA). */
  certificate: string;
  /** Its private key (PKCS#1 PEM). Secret. */
  key: string;
}

/** PEM files for Dask's `--tls-*` options; one self-signed certificate serves every role. */
export interface DaskTlsFiles {
  /** Private directory (0700) holding the files. */
  directory: string;
  /** CA bundle: the self-signed certificate itself (same file as `certFile`). */
  caFile: string;
  /** Certificate presented by the scheduler, the workers and clients. */
  certFile: string;
  /** Private key. */
  keyFile: string;
}

/**
 * Fresh per-cluster TLS material. Dask checks the peer's certificate against the CA file
 * but no host names, so one certificate, marked for server and client authentication,
 * serves the scheduler, workers and clients.
 */
export function createDaskTlsMaterial(): DaskTlsMaterial {
  try {
    return createSelfSignedCertificate({ commonName: 'jq-dask', hosts: ['dask-internal'], serverAndClient: true });
  } catch (error) {
    throw new DaskError('tls-failed', `cannot create the cluster's TLS certificate: ${(error as Error).message}`, { cause: error });
  }
}

/** Where the TLS files of the private `directory` are. */
export function daskTlsFiles(directory: string): DaskTlsFiles {
  const certFile = join(directory, 'cert.pem');
  return { directory, caFile: certFile, certFile, keyFile: join(directory, 'key.pem') };
}

/** Writes the material into the private `directory` (files 0600), replacing what was there. */
export async function writeDaskTls(directory: string, material: DaskTlsMaterial): Promise<DaskTlsFiles> {
  const files = daskTlsFiles(directory);
  try {
    await writePrivateFile(files.keyFile, material.key);
    await writePrivateFile(files.certFile, material.certificate);
  } catch (error) {
    throw new DaskError('tls-failed', `cannot write the TLS files into ${directory}: ${(error as Error).message}`, { cause: error });
  }
  return files;
}
