/**
 * The site's navigation in one place. Generated sections (batch systems, API) are read
 * from the lists the generators write, so a new backend or package appears by itself.
 *
 * To add a page: put the Markdown file under pages/ and add it to a section here.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DefaultTheme } from 'vitepress';

const pages = new URL('../pages/', import.meta.url);

function generatedList<T>(relative: string, what: string): T {
  const file = new URL(relative, pages);
  if (!existsSync(file)) throw new Error(`[jq/docs] ${relative} is missing: run \`pnpm --filter @jq/docs ${what}\` first (build:site does)`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const batchSystems = generatedList<{ name: string; title: string }[]>('batch-systems/pages.json', 'generate');
const api = generatedList<DefaultTheme.SidebarItem[]>('api/typedoc-sidebar.json', 'api');

export const guide: DefaultTheme.SidebarItem = {
  text: 'Guide',
  items: [
    { text: 'Getting started', link: '/guide/getting-started' },
    { text: 'A real cluster in five minutes (command line)', link: '/guide/command-line' },
    { text: 'How it works', link: '/guide/how-it-works' },
    { text: 'Clusters that outlive their terminal', link: '/guide/lasting-clusters' },
    { text: 'Adapt, pools and GPUs', link: '/guide/adapt-and-pools' },
    { text: 'The dashboard', link: '/guide/dashboard' },
    { text: 'From a laptop over SSH', link: '/guide/ssh' },
    { text: 'Inside one allocation', link: '/guide/allocation-runner' },
    { text: 'Security on a shared login node', link: '/guide/security' },
    { text: 'Coming from dask-jobqueue', link: '/guide/coming-from-dask-jobqueue' },
  ],
};

export const batchSystemSection: DefaultTheme.SidebarItem = {
  text: 'Batch systems',
  items: [{ text: 'Overview', link: '/batch-systems/' }, ...batchSystems.map(({ name, title }) => ({ text: title, link: `/batch-systems/${name}` }))],
};

export const extending: DefaultTheme.SidebarItem = {
  text: 'Extending',
  items: [
    { text: 'Writing an adapter', link: '/extending/writing-an-adapter' },
    { text: 'Site presets', link: '/extending/site-presets' },
  ],
};

export const reference: DefaultTheme.SidebarItem = {
  text: 'Reference',
  items: [
    { text: 'Options', link: '/reference/options' },
    { text: 'dask-jobqueue names', link: '/reference/dask-jobqueue-names' },
    { text: 'Troubleshooting', link: '/reference/troubleshooting' },
    { text: 'API', link: '/api/' },
  ],
};

/** The sidebar: the guide everywhere, the API tree under /api/. */
export const sidebar: DefaultTheme.Sidebar = {
  '/api/': [reference, { text: 'Packages', items: api }],
  '/': [guide, batchSystemSection, extending, reference],
};
