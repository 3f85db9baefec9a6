import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import forge from 'node-forge';
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

/** Days the certificate is valid: longer than any cluster lives, as Dask's `Security.temporary()`. */
const validityDays = 365;

/**
 * Fresh per-cluster TLS material, made in process: node:crypto makes the RSA key (it
 * cannot sign certificates), node-forge builds and signs the certificate. Dask checks
 * the peer's certificate against the CA file but no host names, so one certificate,
 * marked for server and client authentication, serves the scheduler, workers and clients.
 */
export function createDaskTlsMaterial(): DaskTlsMaterial {
  try {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    // Positive (leading 01) and random, so two clusters never share a serial.
    certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
    certificate.validity.notBefore = new Date(Date.now() - 60_000);
    certificate.validity.notAfter = new Date(Date.now() + validityDays * 86_400_000);
    const subject = [{ name: 'commonName', value: 'jq-dask' }];
    certificate.setSubject(subject);
    certificate.setIssuer(subject);
    certificate.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'dask-internal' }] },
      { name: 'subjectKeyIdentifier' },
    ]);
    certificate.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
    return { certificate: forge.pki.certificateToPem(certificate), key };
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
