import { fileURLToPath } from 'node:url';

/**
 * The absolute path of the built page (`index.html` and `assets/`), for a server to serve at
 * `<base>/dashboard/`. Resolved from this module's own location, so it holds from the workspace
 * (`src/`) and from an installed package (`dist/`) alike: both sit one level below the package root.
 * The folder exists once the package is built (`pnpm --filter @jq/dashboard build`).
 */
export const dashboardAssetsDirectory: string = fileURLToPath(new URL('../dist/app', import.meta.url));
