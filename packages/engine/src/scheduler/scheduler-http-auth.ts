import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fresh random HTTP token for one scheduler. */
export function createHttpToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares two strings in constant time (hashes first, so lengths do not leak either). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookie a browser keeps the token in; per port, since cookies do not tell ports apart. */
export function tokenCookieName(port: number): string {
  return `jq-engine-token-${port}`;
}

/** What the gate decided: go on, or the response has been sent. */
export type GateDecision = 'allowed' | 'answered';

/**
 * The token check in front of every route (as Jupyter does): `Authorization: Bearer
 * <token>`, the cookie, or `?token=<token>` — which sets the cookie (HttpOnly,
 * SameSite=Strict) and redirects to the same address without the token, so it does not
 * stay in the address bar or the history. Anything else gets 401.
 */
export function checkToken(request: IncomingMessage, response: ServerResponse, url: URL, token: string, port: number): GateDecision {
  const header = request.headers.authorization;
  if (header !== undefined && /^Bearer /i.test(header) && sameToken(header.slice(7).trim(), token)) return 'allowed';
  const cookieName = tokenCookieName(port);
  const cookie = readCookie(request.headers.cookie, cookieName);
  if (cookie !== undefined && sameToken(cookie, token)) return 'allowed';
  const query = url.searchParams.get('token');
  if (query !== null && sameToken(query, token)) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return 'allowed';
    url.searchParams.delete('token');
    response.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    response.end();
    return 'answered';
  }
  response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ error: 'a token is required: Authorization: Bearer <token>, or ?token=<token> once' }));
  return 'answered';
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
