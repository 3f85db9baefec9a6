import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { DaskError } from './dask-errors.js';

/** PEM files for Dask's `--tls-*` options; one self-signed certificate serves every role. */
export interface DaskTlsFiles {
  /** Private directory (0700) holding the files. */
  directory: string;
  /** CA bundle: the self-signed certificate itself (same file as `certFile`). */
  caFile: string;
  /** Certificate presented by the scheduler, the workers and clients. */
  certFile: string;
  /** Private key (0600). */
  keyFile: string;
}

/**
 * Creates temporary TLS material, as Dask's `Security.temporary()` does, with the
 * openssl CLI (Node cannot issue certificates). Dask does not check host names, so
 * one certificate works on every node that can read `parent`.
 */
export async function createDaskTls(parent: string = tmpdir()): Promise<DaskTlsFiles> {
  let directory: string;
  try {
    directory = await mkdtemp(join(parent, 'jq-dask-tls-'));
  } catch (error) {
    throw new DaskError('tls-failed', `cannot create a private TLS directory under ${parent}`, { cause: error });
  }
  const files = { directory, caFile: join(directory, 'cert.pem'), certFile: join(directory, 'cert.pem'), keyFile: join(directory, 'key.pem') };
  const argv = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-batch'];
  argv.push('-days', '30', '-subj', '/CN=jq-dask', '-keyout', files.keyFile, '-out', files.certFile);
  const result = await execa('openssl', argv, { reject: false, timeout: 30_000, stdin: 'ignore' });
  if (result.failed) {
    await rm(directory, { recursive: true, force: true });
    throw new DaskError('tls-failed', `\`openssl ${argv.join(' ')}\` failed (${result.shortMessage ?? 'error'})`, { stderr: result.stderr });
  }
  await chmod(files.keyFile, 0o600);
  return files;
}

/** Deletes the TLS directory. */
export async function removeDaskTls(files: DaskTlsFiles): Promise<void> {
  await rm(files.directory, { recursive: true, force: true });
}
