import { messagePrefix } from '@jq/core';
import { name } from '../package.json';

/** This package's npm name, `@jq/dask`: what a journal record names to restore its scheduler. */
export const daskPackageName: string = name;

/** `[jq/dask]`, the prefix of every message this package writes. */
export const daskPrefix = messagePrefix(name);
