import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { describePageWeight, measurePageWeight, pageWeightBudget } from './tools/dashboard-page-weight.js';

const pageDirectory = fileURLToPath(new URL('./src/app', import.meta.url));
const outputDirectory = fileURLToPath(new URL('./dist/app', import.meta.url));

/** Prints the built page's gzipped weight and fails the build over the budget. */
function pageWeight(): Plugin {
  return {
    name: 'jq-dashboard-page-weight',
    apply: 'build',
    closeBundle() {
      const weight = measurePageWeight(outputDirectory);
      // Printed whatever the log level: the figure is what the budget is about.
      process.stdout.write(`${describePageWeight(weight)}\n`);
      if (weight.gzipped > pageWeightBudget) {
        this.error(`[jq/dashboard] the page weighs ${weight.gzipped} bytes gzipped, over its budget of ${pageWeightBudget}`);
      }
    },
  };
}

export default defineConfig({
  root: pageDirectory,
  // Relative asset URLs: the page works under any path prefix (<base>/dashboard/).
  base: './',
  publicDir: false,
  logLevel: 'warn',
  // development: false even when a test runner's NODE_ENV=test builds the page, so the tested page is the shipped one.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  build: {
    outDir: outputDirectory,
    emptyOutDir: true,
    target: 'es2022',
    // One entry chunk: nothing to preload, so no preload polyfill.
    modulePreload: { polyfill: false },
    // Nothing inlined as data: URLs, so a strict Content-Security-Policy (img-src 'self') holds.
    assetsInlineLimit: 0,
  },
  plugins: [pageWeight()],
});
