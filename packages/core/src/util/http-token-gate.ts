import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fresh random HTTP token (24 random bytes, base64url). */
export function createHttpToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares two strings in constant time (their hashes, so the length does not leak either). */
export function sameToken(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** What the gate decided: go on, or the response has been sent. */
export type HttpTokenDecision = 'allowed' | 'answered';

/** What one HTTP server's gate checks against. */
export interface HttpTokenGate {
  /** The token every request must carry. */
  token: string;
  /** The cookie a browser keeps it in: name it per server and port, since cookies do not tell ports apart. */
  cookieName: string;
}

/**
 * The token check in front of every route of our HTTP servers (as Jupyter does). A request
 * passes with `Authorization: Bearer <token>` or the cookie. `?token=<token>` on a GET or
 * HEAD sets the cookie (HttpOnly, SameSite=Strict) and redirects to the same address
 * without it, so the token stays neither in the address bar nor in the history; on any
 * other method a token in the address is refused, since addresses end up in logs and a
 * script can send the header. Everything else gets 401.
 */
export function checkHttpToken(request: IncomingMessage, response: ServerResponse, url: URL, gate: HttpTokenGate): HttpTokenDecision {
  const header = request.headers.authorization;
  if (header !== undefined && /^Bearer /i.test(header) && sameToken(header.slice(7).trim(), gate.token)) return 'allowed';
  const cookie = readCookie(request.headers.cookie, gate.cookieName);
  if (cookie !== undefined && sameToken(cookie, gate.token)) return 'allowed';
  const query = url.searchParams.get('token');
  if (query !== null && sameToken(query, gate.token) && (request.method === 'GET' || request.method === 'HEAD')) {
    url.searchParams.delete('token');
    response.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': `${gate.cookieName}=${gate.token}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    response.end();
    return 'answered';
  }
  response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ error: 'a token is required: Authorization: Bearer <token>, or open the page once with ?token=<token>' }));
  return 'answered';
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
