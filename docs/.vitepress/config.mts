import { defineConfig } from 'vitepress';
import { sidebar } from './sidebar.mjs';

// Everything is built from files in this repository: no web fonts, no analytics, no
// remote search, so the site builds (and is read) without a network.
export default defineConfig({
  title: 'jobqueue',
  description: 'Compute workers on HPC batch systems from TypeScript: Slurm, PBS, SGE, LSF, Moab, HTCondor',
  srcDir: 'pages',
  // Generated snippets that hand-written pages include.
  srcExclude: ['partials/**'],
  cleanUrls: false,
  lastUpdated: false,
  // A broken link between pages fails the build; check/check-links.ts also checks anchors in the output.
  ignoreDeadLinks: false,
  markdown: { lineNumbers: false },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Batch systems', link: '/batch-systems/' },
      { text: 'Troubleshooting', link: '/reference/troubleshooting' },
      { text: 'API', link: '/api/' },
    ],
    sidebar,
    outline: [2, 3],
    search: { provider: 'local' },
  },
});
