import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardAssetsDirectory } from '../src/index.js';
import { describePageWeight, measurePageWeight, pageWeightBudget } from '../tools/dashboard-page-weight.js';

// The vitest global setup has just built the page with the package's Vite config.
describe('the built page', () => {
  const weight = measurePageWeight(dashboardAssetsDirectory);

  it('is where dashboardAssetsDirectory says, from the package root', () => {
    expect(isAbsolute(dashboardAssetsDirectory)).toBe(true);
    expect(dashboardAssetsDirectory.endsWith(join('packages', 'dashboard', 'dist', 'app'))).toBe(true);
    expect(weight.files.map((file) => file.file)).toContain('index.html');
  });

  it('weighs at most 200 kB gzipped in all', () => {
    console.info(describePageWeight(weight));
    expect(weight.files.some((file) => file.file.endsWith('.js'))).toBe(true);
    expect(weight.gzipped).toBeLessThanOrEqual(pageWeightBudget);
  });

  it('loads nothing from elsewhere: relative asset paths, no remote URL, no inline script', () => {
    const html = readFileSync(join(dashboardAssetsDirectory, 'index.html'), 'utf8');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) expect(reference).toMatch(/^\.\/assets\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const file of weight.files) {
      const text = readFileSync(join(dashboardAssetsDirectory, file.file), 'utf8');
      // XML namespace names are identifiers, never fetched.
      const remote = [...text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)]
        .map((match) => match[0])
        .filter((url) => !url.startsWith('http://www.w3.org/'));
      expect(remote, file.file).toEqual([]);
    }
  });
});
