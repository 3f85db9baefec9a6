/**
 * Checks every link of the built site: each page, asset and `#anchor` a page links to
 * must exist, or the check fails. External links are listed, not fetched: the site is
 * built and checked without a network.
 *
 *   tsx check/check-links.ts .vitepress/dist
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LinkChecker, type LinkResult } from 'linkinator';
import sirv from 'sirv';

/** What a check found: internal links that are broken, external ones that were not fetched. */
export interface LinkReport {
  checked: number;
  broken: LinkResult[];
  external: string[];
}

/**
 * Serves `directory` on loopback with Node's request timeouts off. linkinator's own server keeps
 * the defaults, and on a loaded CI machine it answered `408 Request Timeout` for two assets that
 * exist: a timeout of the checker's own server is not a broken link.
 */
async function serveDirectory(directory: string): Promise<Server> {
  const serve = sirv(directory, { dev: true, extensions: ['html'] });
  const server = createServer({ requestTimeout: 0, headersTimeout: 0 }, (request, response) =>
    serve(request, response, () => {
      response.statusCode = 404;
      response.end('not found');
    }),
  );
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return server;
}

/** Serves `directory` on loopback and follows every link from its index. */
export async function checkLinks(directory: string): Promise<LinkReport> {
  const server = await serveDirectory(directory);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const external = new Set<string>();
  try {
    const result = await new LinkChecker().check({
      path: `${origin}/`,
      recurse: true,
      checkFragments: true,
      concurrency: 8,
      // A busy machine can drop a loopback request; a link is broken only if it stays broken.
      retryErrors: true,
      retryErrorsCount: 3,
      retryErrorsJitter: 500,
      linksToSkip: async (url) => {
        const local = url.startsWith(`${origin}/`);
        if (!local) external.add(url);
        return !local;
      },
    });
    // linkinator may report one broken fragment more than once: keep one report per link and page.
    const broken = new Map(result.links.filter((link) => link.state === 'BROKEN').map((link) => [`${link.url} ${link.parent ?? ''}`, link]));
    return { checked: result.links.filter((link) => link.state !== 'SKIPPED').length, broken: [...broken.values()], external: [...external] };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const directory = process.argv[2] ?? '.vitepress/dist';
  const started = performance.now();
  const report = await checkLinks(directory);
  for (const link of report.broken) console.log(`broken: ${link.url} (${link.status ?? 'no status'}) on ${link.parent ?? '?'}`);
  for (const url of report.external) console.log(`external, not fetched: ${url}`);
  console.log(`links: ${report.checked} checked, ${report.broken.length} broken, ${report.external.length} external not fetched, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = report.broken.length === 0 && report.checked > 0 ? 0 : 1;
}
