import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Environment variable that carries the cluster secret to workers (never argv). */
export const secretEnvironmentVariable = 'JQ_ENGINE_SECRET';

/**
 * Environment variable that carries a TLS scheduler's certificate (PEM) to workers: in the
 * job script itself, so no file has to be shared between the scheduler's host and the nodes.
 */
export const tlsCaEnvironmentVariable = 'JQ_ENGINE_TLS_CA';

/** A fresh random secret for one scheduler. */
export function createSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh random challenge nonce. */
export function createNonce(): Uint8Array {
  return randomBytes(32);
}

/** HMAC-SHA256 of the nonce keyed with the secret: what a worker answers a challenge with. */
export function proveSecret(secret: string, nonce: Uint8Array): Uint8Array {
  return createHmac('sha256', secret).update(nonce).digest();
}

/** Whether `response` answers `nonce` for `secret`, compared in constant time. */
export function verifyProof(secret: string, nonce: Uint8Array, response: Uint8Array): boolean {
  const expected = proveSecret(secret, nonce);
  return response.length === expected.length && timingSafeEqual(expected, response);
}
