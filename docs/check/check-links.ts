/**
 * Checks every link of the built site: each page, asset and `#anchor` a page links to
 * must exist, or the check fails. External links are listed, not fetched: the site is
 * built and checked without a network.
 *
 *   tsx check/check-links.ts .vitepress/dist
 */
import { LinkChecker, type LinkResult } from 'linkinator';

/** What a check found: internal links that are broken, external ones that were not fetched. */
export interface LinkReport {
  checked: number;
  broken: LinkResult[];
  external: string[];
}

/** Serves `directory` on loopback (linkinator's own server) and follows every link from its index. */
export async function checkLinks(directory: string): Promise<LinkReport> {
  const external = new Set<string>();
  const checker = new LinkChecker();
  const result = await checker.check({
    path: directory,
    recurse: true,
    checkFragments: true,
    concurrency: 8,
    // A busy machine can drop a loopback request; a link is broken only if it stays broken.
    retryErrors: true,
    retryErrorsCount: 3,
    retryErrorsJitter: 500,
    linksToSkip: async (url) => {
      const local = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url);
      if (!local) external.add(url);
      return !local;
    },
  });
  // linkinator may report one broken fragment more than once: keep one report per link and page.
  const broken = new Map(result.links.filter((link) => link.state === 'BROKEN').map((link) => [`${link.url} ${link.parent ?? ''}`, link]));
  return { checked: result.links.filter((link) => link.state !== 'SKIPPED').length, broken: [...broken.values()], external: [...external] };
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
