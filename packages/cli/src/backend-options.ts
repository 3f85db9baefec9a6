import { mergeOptionSchemas } from '@jq/core';
import type { Command } from 'commander';
import { backendByName } from './backend-catalog.js';
import { addSchemaOptions } from './option-flags.js';

/** Options `up` declares itself (`--name` is the cluster's name there; `--ssh user@host` and its companions, see ssh-flags.ts). */
const ownedByUp = ['name', 'ssh'];
/** `script` only prints: it logs in nowhere. */
const skippedByScript = ['ssh'];

/** Adds every option of backend `name` (core's and its own) to `command`; an unknown name is a usage error naming the known ones. */
export async function declareBackendOptions(command: Command, name: string): Promise<void> {
  const backend = await backendByName(name);
  const properties = mergeOptionSchemas(backend.options).properties as Record<string, Record<string, never>>;
  addSchemaOptions(command, properties, command.name() === 'up' ? ownedByUp : skippedByScript);
  command.addHelpText('after', `\nThe options above after --config come from ${backend.packageName}'s option schema (${backend.title}).`);
}

