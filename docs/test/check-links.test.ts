import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks } from '../check/check-links.js';

const sites: string[] = [];
afterEach(() => {
  for (const site of sites.splice(0)) rmSync(site, { recursive: true, force: true });
});

function site(pages: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'jq-docs-links-'));
  sites.push(directory);
  for (const [name, body] of Object.entries(pages)) writeFileSync(join(directory, name), `<!doctype html><html><body>${body}</body></html>`);
  return directory;
}

describe('checkLinks', () => {
  it('passes a site whose pages and anchors all exist, without fetching external links', { timeout: 60_000 }, async () => {
    const report = await checkLinks(site({ 'index.html': '<a href="/guide.html#setup">guide</a> <a href="https://example.org/">out</a>', 'guide.html': '<h2 id="setup">Setup</h2>' }));
    expect(report.broken).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(2);
    expect(report.external).toEqual(['https://example.org/']);
  });

  it('reports a missing page and a missing anchor', { timeout: 60_000 }, async () => {
    const directory = site({ 'index.html': '<a href="/gone.html">gone</a> <a href="/guide.html#nowhere">anchor</a>', 'guide.html': '<h2 id="setup">Setup</h2>' });
    const report = await checkLinks(directory);
    // Local links are named by their loopback URL: compare their paths.
    expect(report.broken.map((link) => link.url.slice(link.url.lastIndexOf('/'))).sort()).toEqual(['/gone.html', '/guide.html#nowhere']);
  });
});
