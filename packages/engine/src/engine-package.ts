/** The npm name of this package: what a journal record names, so core imports it to restore a scheduler. */
export const enginePackageName = '@jq/engine';
