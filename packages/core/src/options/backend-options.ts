import type { Static, TObject } from 'typebox';
import type { AnyBackend, BackendV1 } from '../contracts/backend-v1.js';
import type { CommonOptions } from './common-options.js';

/**
 * Options of a cluster on backend `B` as a user writes them: the common ones and the
 * backend's own, each optional (a preset or the config file may supply it), typed from
 * the schemas so an unknown name or a wrong type is a compile error.
 */
export type BackendOptions<B extends AnyBackend> = OptionsFor<B['options']>;

/** The options a user writes for a backend whose own options have schema `S` (see {@link BackendOptions}). */
export type OptionsFor<S extends TObject> = CommonOptions & Partial<Static<S>>;

/** The resolved options backend `B` renders with. */
export type ResolvedOptionsOf<B extends AnyBackend> = B extends BackendV1<infer _S, infer O> ? O : never;

/** A site's defaults for one backend, shared as an npm package; explicit options override them. */
export interface Preset<B extends AnyBackend = AnyBackend> {
  /** The backend the preset is for; a preset for another backend is a type error. */
  readonly backend: B;
  /** The defaults. */
  readonly options: Readonly<BackendOptions<B>>;
}

/**
 * A site preset, type-checked where it is written (a misspelt option fails `tsc`) and
 * validated with everything else when a cluster is made.
 *
 * @example
 * ```ts
 * export const campus = definePreset(slurmBackend, { queue: 'compute', account: 'campus', walltime: '04:00:00' });
 * ```
 */
export function definePreset<B extends AnyBackend>(backend: B, options: BackendOptions<B>): Preset<B> {
  return Object.freeze({ backend, options: Object.freeze({ ...options }) });
}
