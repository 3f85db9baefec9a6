import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Compares two strings in constant time (their hashes, so the length does not leak either). */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookie the browser keeps the token in; per port, since cookies do not tell ports apart. */
export function dashboardCookieName(port: number): string {
  return `jq-dashboard-token-${port}`;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The token check in front of every request of the standalone server (the engine's own
 * server has the same rules): `Authorization: Bearer <token>`, the cookie, or `?token=`
 * once — which sets the cookie (HttpOnly, SameSite=Strict) and redirects to the address
 * without the token. Anything else gets 401. Returns true when the request may go on.
 */
export function passTokenCheck(request: IncomingMessage, response: ServerResponse, url: URL, token: string, port: number): boolean {
  const header = request.headers.authorization;
  if (header !== undefined && /^Bearer /i.test(header) && sameToken(header.slice(7).trim(), token)) return true;
  const cookieName = dashboardCookieName(port);
  const cookie = readCookie(request.headers.cookie, cookieName);
  if (cookie !== undefined && sameToken(cookie, token)) return true;
  const query = url.searchParams.get('token');
  if (query !== null && sameToken(query, token) && (request.method === 'GET' || request.method === 'HEAD')) {
    url.searchParams.delete('token');
    response.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    response.end();
    return false;
  }
  response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ error: 'a token is required: Authorization: Bearer <token>, or open the URL with ?token=<token> once' }));
  return false;
}
