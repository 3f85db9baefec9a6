import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Vitest global setup: builds the page into dist/app with the package's own Vite config. */
export default async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)) });
}
