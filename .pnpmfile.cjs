// pnpm hooks. Only `beforePacking` (pnpm >= 10.28): it shapes the package.json that goes
// into a tarball on `pnpm pack` / `pnpm publish`, never the one in the workspace.
'use strict';

/** The workspace-only export condition: it points at `src/`, which is not published. */
const sourceCondition = '@jq/source';

/** The dependency fields a consumer's package manager reads. */
const rangeFields = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/** Drops the workspace-only condition from an `exports` value, at any depth. */
function withoutSourceCondition(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const result = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key !== sourceCondition) result[key] = withoutSourceCondition(entry);
  }
  return result;
}

/**
 * The workspace catalog pins exact versions so every developer and CI run gets the same
 * tree; a published library asks for a caret range instead, so a consumer's project can
 * share one copy with its other dependencies (and `workspace:*` became an exact version too).
 */
function asCaretRange(range) {
  return /^\d+\.\d+\.\d+$/.test(range) ? `^${range}` : range;
}

function beforePacking(manifest) {
  if (manifest.exports !== undefined) manifest.exports = withoutSourceCondition(manifest.exports);
  for (const field of rangeFields) {
    const ranges = manifest[field];
    if (ranges === undefined) continue;
    for (const name of Object.keys(ranges)) ranges[name] = asCaretRange(ranges[name]);
  }
  return manifest;
}

module.exports = { hooks: { beforePacking } };
