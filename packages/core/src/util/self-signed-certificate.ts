import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';

/** What a scheduler's own certificate is made for. */
export interface SelfSignedCertificateRequest {
  /** Subject and issuer common name, e.g. `jq-engine`. */
  commonName: string;
  /** Names and addresses the certificate is valid for (its subjectAltName). */
  hosts: string[];
  /** Mark it for TLS server and client authentication: Dask's roles all present the same certificate. */
  serverAndClient?: boolean;
}

/** A fresh private key and the self-signed certificate over it, as PEM text. */
export interface SelfSignedCertificate {
  /** **Secret.** The RSA private key (PKCS#1 PEM). */
  key: string;
  /** The certificate, which is its own CA: peers trust exactly this one. */
  certificate: string;
}

/** Days the certificate is valid: longer than any cluster lives, as Dask's `Security.temporary()`. */
const validityDays = 365;

/**
 * A fresh 2048-bit RSA key and a self-signed CA certificate over it, made in process:
 * node:crypto makes the key (it cannot sign certificates), node-forge — dependency-free
 * and running on any Node — builds and signs the certificate. Forge is loaded on the first
 * call, so processes that never make a certificate do not pay for it.
 */
export function createSelfSignedCertificate(request: SelfSignedCertificateRequest): SelfSignedCertificate {
  const forge = createRequire(import.meta.url)('node-forge') as typeof import('node-forge');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Positive (leading 01) and random, so two schedulers never share a serial.
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + validityDays * 86_400_000);
  const subject = [{ name: 'commonName', value: request.commonName }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  const alternativeNames = [...new Set(request.hosts)].map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host }));
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    ...(request.serverAndClient ? [{ name: 'extKeyUsage', serverAuth: true, clientAuth: true }] : []),
    { name: 'subjectAltName', altNames: alternativeNames },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, certificate: forge.pki.certificateToPem(certificate) };
}
