// Property-based fuzzing of the option parsers every backend relies on: memory sizes and
// walltimes as users write them. Any input gives a positive, finite, whole number or
// "not a size" (undefined); through resolveOptions, a ConfigError. Never a crash, never
// NaN or Infinity rendered into a job script.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, type JobQueueError } from '../src/errors.js';
import { parseMemory } from '../src/options/memory.js';
import { resolveOptions } from '../src/options/resolve-options.js';
import { parseWalltime } from '../src/options/walltime.js';
import Type from 'typebox';

const runs = { seed: 20_260_805, numRuns: 500 } as const;

const digits = fc.stringMatching(/^\d{1,400}$/);
const unit = fc.constantFrom('', 'b', 'k', 'KB', 'm', 'MiB', 'g', 'GB', 'gib', 'T', 'tib', 'p', 'PB', 'x', 'constructor', 'toString', '__proto__');
const memoryText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.tuple(digits, fc.option(digits, { nil: undefined }), fc.constantFrom('', ' '), unit).map(([whole, fraction, space, suffix]) => `${whole}${fraction === undefined ? '' : `.${fraction}`}${space}${suffix}`),
);
const walltimeText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.array(fc.oneof(digits, fc.nat({ max: 120 }).map(String)), { minLength: 1, maxLength: 4 }).chain((parts) =>
    fc.constantFrom(parts.join(':'), `${parts[0]}-${parts.slice(1).join(':')}`, ` ${parts.join(':')} `),
  ),
);
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE));

/** A parsed size or duration: absent, or a positive finite number. */
function isSane(value: number | undefined, whole: boolean): boolean {
  if (value === undefined) return true;
  return Number.isFinite(value) && value > 0 && (!whole || Number.isInteger(value));
}

describe('option parsers under fuzzing', () => {
  it('parseMemory: bytes are a positive finite integer, or undefined', () => {
    fc.assert(
      fc.property(fc.oneof(memoryText, anyNumber), (value) => {
        expect(isSane(parseMemory(value), true), `parseMemory(${JSON.stringify(value)}) = ${parseMemory(value)}`).toBe(true);
      }),
      runs,
    );
  });

  it('parseWalltime: seconds are a positive finite integer, or undefined', () => {
    fc.assert(
      fc.property(fc.oneof(walltimeText, anyNumber), (value) => {
        expect(isSane(parseWalltime(value), true), `parseWalltime(${JSON.stringify(value)}) = ${parseWalltime(value)}`).toBe(true);
      }),
      runs,
    );
  });

  it('resolveOptions: any memory and walltime give finite options or a ConfigError', () => {
    const backend = { name: 'fuzz', packageName: 'jq/fuzz', options: Type.Object({}) } as unknown as Parameters<typeof resolveOptions>[1];
    fc.assert(
      fc.property(fc.oneof(memoryText, anyNumber), fc.oneof(walltimeText, anyNumber), (memory, walltime) => {
        let resolved;
        try {
          resolved = resolveOptions({ cores: 2, memory, walltime }, backend);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ConfigError);
          expect((error as JobQueueError).code).toBe('JQ_CONFIG_INVALID');
          return;
        }
        expect(isSane(resolved.memory, true), `memory ${JSON.stringify(memory)} → ${resolved.memory}`).toBe(true);
        expect(isSane(resolved.memoryPerProcess, false), `memoryPerProcess ${resolved.memoryPerProcess}`).toBe(true);
        expect(isSane(resolved.walltime, true), `walltime ${JSON.stringify(walltime)} → ${resolved.walltime}`).toBe(true);
      }),
      runs,
    );
  });

  // The shrunk counterexamples above are the smallest; these are the other two ways out.
  it.each([
    ['memory of 401 digits', () => parseMemory(`1${'0'.repeat(400)}`)],
    ['memory of a 300-digit PB', () => parseMemory(`1${'0'.repeat(300)}PB`)],
    ['walltime of 1e308 minutes', () => parseWalltime(1e308)],
    ['walltime of 400 digits', () => parseWalltime('9'.repeat(400))],
    ['memory of half a byte', () => parseMemory(0.5)],
    ['walltime of 0.001 minutes', () => parseWalltime(0.001)],
  ])('%s is refused (undefined) or a positive whole number, never Infinity or 0', (_case, parse) => {
    const value = parse();
    expect(isSane(value, true), `got ${value}`).toBe(true);
  });
});
