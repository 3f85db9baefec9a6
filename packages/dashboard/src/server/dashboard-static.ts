import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** The page needs nothing inline and nothing from elsewhere; it gets no more. */
export const dashboardContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Sends one file of the built page, `relativePath` below `directory`; 404 for anything
 * outside it or missing. Hashed assets may be cached for good, `index.html` never.
 */
export async function serveDashboardFile(directory: string, relativePath: string, response: ServerResponse, head: boolean): Promise<void> {
  const root = normalize(directory);
  const file = normalize(join(root, relativePath || 'index.html'));
  const content = file.startsWith(root + sep) ? await readFile(file).catch(() => undefined) : undefined;
  if (content === undefined) {
    const missingPage = relativePath === '' || relativePath === 'index.html';
    // A page that was never built says so, instead of a bare 404.
    const body = missingPage ? `[jq/dashboard] the dashboard page is not built in ${root}: run \`pnpm --filter @jq/dashboard build\`` : 'not found';
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    return;
  }
  const hashed = relativePath.startsWith('assets/');
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': content.length,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-store',
    'content-security-policy': dashboardContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(head ? undefined : content);
}
