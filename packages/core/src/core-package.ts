import { name } from '../package.json';
import { messagePrefix } from './errors.js';

/** This package's npm name, `@jq/core`, as its errors report it. */
export const corePackageName: string = name;

/** `[jq/core]`, the prefix of every message core writes. */
export const corePrefix = messagePrefix(name);
