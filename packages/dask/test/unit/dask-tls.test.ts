import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preparePrivateDirectory } from '../../src/dask-private-directory.js';
import { createDaskTlsMaterial, writeDaskTls } from '../../src/dask-tls.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), 'jq-dask-tls-test-'));
  directories.push(directory);
  return directory;
}

describe('the cluster certificate', () => {
  it('is self-signed, its own CA, for server and client authentication, and matches its key', () => {
    const material = createDaskTlsMaterial();
    const certificate = new X509Certificate(material.certificate);
    expect(certificate.subject).toBe('CN=jq-dask');
    expect(certificate.issuer).toBe('CN=jq-dask');
    expect(certificate.ca).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(material.key))).toBe(true);
    expect(certificate.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(createPublicKey(material.key).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(new Date(certificate.validTo).getTime() - Date.now()).toBeGreaterThan(300 * 86_400_000);
  });

  it('is new for every cluster', () => {
    const first = new X509Certificate(createDaskTlsMaterial().certificate);
    const second = new X509Certificate(createDaskTlsMaterial().certificate);
    expect(first.serialNumber).not.toBe(second.serialNumber);
    expect(first.publicKey.export({ type: 'spki', format: 'pem' })).not.toBe(second.publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it('is written readable only by the user into a 0700 directory', async () => {
    const directory = join(scratch(), 'private');
    await preparePrivateDirectory(directory);
    const files = await writeDaskTls(directory, createDaskTlsMaterial());
    expect(files.caFile).toBe(files.certFile);
    expect([directory, files.certFile, files.keyFile].map((path) => (statSync(path).mode & 0o777).toString(8))).toEqual(['700', '600', '600']);
  });
});

describe('the private directory', () => {
  it('is made 0700 with its parents, and a private one of this user is used again (a restart)', async () => {
    const directory = join(scratch(), 'state', 'dask', 'jq-dask-x');
    await preparePrivateDirectory(directory);
    expect((statSync(directory).mode & 0o777).toString(8)).toBe('700');
    await expect(preparePrivateDirectory(directory)).resolves.toBeUndefined();
  });

  it('refuses one that others can read, or a symbolic link, rather than put a key there', async () => {
    const parent = scratch();
    const open = join(parent, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    await expect(preparePrivateDirectory(open)).rejects.toMatchObject({
      reason: 'private-directory',
      code: 'JQ_CONFIG_INVALID',
      message: expect.stringMatching(/^\[jq\/dask\] .*\/open exists and is a directory of uid \d+, mode 755; expected a 0700 directory of this user/),
    });
    const target = join(parent, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = join(parent, 'link');
    symlinkSync(target, link);
    await expect(preparePrivateDirectory(link)).rejects.toThrow(/link exists and is a symbolic link/);
  });
});
