import type { BackendResolvedOptions, OptionsFor } from '@jq/core';
import Type from 'typebox';

/** Options only the local backend has. */
export const LocalOptionsSchema = Type.Object({
  /** Node.js binary that runs the job launcher. Default: the one running this process. */
  node: Type.Optional(Type.String({ description: 'Node.js binary that runs the job launcher' })),
  /** Most jobs running at once; the rest wait queued, as on a full batch system. Default unlimited. */
  slots: Type.Optional(Type.Integer({ minimum: 1, description: 'most jobs running at once; the rest wait queued' })),
});

/** Options of a local cluster as a user writes them: the common ones and the local backend's. */
export type LocalOptions = OptionsFor<typeof LocalOptionsSchema>;

/** Resolved options of the local backend. */
export type LocalResolvedOptions = BackendResolvedOptions<typeof LocalOptionsSchema> & {
  /** Node.js binary that runs the launcher. */
  node: string;
};
