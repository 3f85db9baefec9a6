import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyBackend, Preset } from '@jq/core';
import { CliUsageError } from './cli-errors.js';

/**
 * The preset `reference` names — `@site/presets` or `@site/presets:gpuNodes` — for
 * `backend`: imported from the current project (where a site preset package is
 * installed), the export chosen by name or, without one, the only preset for this backend.
 */
export async function loadPreset(reference: string, backend: AnyBackend): Promise<Preset> {
  const { packageName, exportName } = splitReference(reference);
  const module = await importFromProject(packageName);
  const presets = Object.entries(module).filter(([, value]) => isPreset(value)) as Array<[string, Preset]>;
  if (exportName !== undefined) {
    const chosen = presets.find(([name]) => name === exportName)?.[1];
    if (!chosen) throw new CliUsageError(`${packageName} exports no preset named ${exportName}`, `its presets: ${presets.map(([name]) => name).join(', ') || 'none'}`);
    if (chosen.backend.name !== backend.name) throw new CliUsageError(`preset ${reference} is for ${chosen.backend.name}, not ${backend.name}`);
    return chosen;
  }
  const matching = presets.filter(([, preset]) => preset.backend.name === backend.name);
  if (matching.length === 1) return matching[0]![1];
  const names = matching.map(([name]) => `${packageName}:${name}`).join(', ');
  throw new CliUsageError(
    matching.length === 0 ? `${packageName} exports no preset for ${backend.name}` : `${packageName} exports several presets for ${backend.name}`,
    matching.length === 0 ? 'a preset is made with definePreset(<backend>, {...})' : `name one: --preset ${names.split(', ')[0]} (all: ${names})`,
  );
}

/** The presets `reference` names (`@site/presets`: every one it exports; `@site/presets:campus`: that one), by reference. */
export async function presetsOf(reference: string): Promise<Array<[string, Preset]>> {
  const { packageName, exportName } = splitReference(reference);
  const presets = Object.entries(await importFromProject(packageName)).filter(([name, value]) => isPreset(value) && (exportName === undefined || name === exportName)) as Array<[string, Preset]>;
  if (presets.length === 0) throw new CliUsageError(`${reference} names no preset`, 'a preset is an export made with definePreset(<backend>, {...})');
  return presets.map(([name, preset]) => [`${packageName}:${name}`, preset]);
}

function splitReference(reference: string): { packageName: string; exportName: string | undefined } {
  const separator = reference.lastIndexOf(':');
  return separator > 0 ? { packageName: reference.slice(0, separator), exportName: reference.slice(separator + 1) } : { packageName: reference, exportName: undefined };
}

async function importFromProject(packageName: string): Promise<Record<string, unknown>> {
  try {
    const resolved = createRequire(join(process.cwd(), 'package.json')).resolve(packageName);
    return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliUsageError(`cannot load preset package ${packageName} from ${process.cwd()}: ${(error as Error).message.split('\n')[0]}`, `install it in this project (npm install ${packageName}) or run jobqueue from the project that has it`);
  }
}

function isPreset(value: unknown): value is Preset {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Preset>;
  return typeof candidate.backend?.name === 'string' && candidate.backend.specificationVersion === 'v1' && typeof candidate.options === 'object';
}
