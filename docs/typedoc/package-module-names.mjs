// @ts-check
/**
 * TypeDoc plugin: with one TypeScript program for every package (fast: the sources are
 * parsed once), TypeDoc names each entry point by its path (`core/src/testing`). Users
 * import `@jq/core/testing`, so each module is renamed to the import path, read from the
 * package's own package.json (a renamed package cannot drift from its reference).
 */
import { readFileSync } from 'node:fs';
import { Converter, ReflectionKind } from 'typedoc';

const packagesDirectory = new URL('../../packages/', import.meta.url);

/** @param {string} folder */
function packageName(folder) {
  const manifest = JSON.parse(readFileSync(new URL(`${folder}/package.json`, packagesDirectory), 'utf8'));
  return /** @type {string} */ (manifest.name);
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^([a-z0-9-]+)\/src(?:\/(.+))?$/.exec(module.name);
      if (match === null) throw new Error(`[jq/docs] TypeDoc module "${module.name}" is not <package>/src[/<subpath>]`);
      const [, folder, subpath] = match;
      module.name = subpath === undefined ? packageName(/** @type {string} */ (folder)) : `${packageName(/** @type {string} */ (folder))}/${subpath}`;
    }
  });
}
