import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { argumentsAttribute, joinCondorArguments } from '../bin/lib/condor-arguments.mjs';
import { type BatchEmulator, createHtcondorEmulator, parseCondorArguments } from '../src/index.js';
import { runCommand } from './run-command.js';

let emulator: BatchEmulator | undefined;
afterEach(() => emulator?.close());

describe("HTCondor's arguments", () => {
  it('splits the new syntax at white space outside single quotes, with doubled quotes as literals, and the old syntax at white space', () => {
    expect(parseCondorArguments(`"-c 'echo ""hi"" it''s' x"`)).toEqual(['-c', `echo "hi" it's`, 'x']);
    expect(parseCondorArguments('-a  b')).toEqual(['-a', 'b']);
    expect(parseCondorArguments('')).toEqual([]);
    expect(() => parseCondorArguments(`"-c 'open"`)).toThrow(/unbalanced single-quote/);
  });

  it('writes an argv back the way HTCondor does (quoting only white space and quotes), and reads back what it wrote', () => {
    const words = ['0', 'two words', "it's", '', 'a  b', "''"];
    expect(joinCondorArguments(words)).toBe("0 two' 'words it''''s '' a'  'b ''''''");
    expect(parseCondorArguments(`"${joinCondorArguments(words).replaceAll('"', '""')}"`)).toEqual(words);
  });

  it('records the new syntax as the ClassAd attribute Arguments, the old as Args, none as an empty Arguments', () => {
    expect(argumentsAttribute('"3"')).toEqual({ Arguments: '3' });
    expect(argumentsAttribute(`"-c 'echo hi'"`)).toEqual({ Arguments: "-c echo' 'hi" });
    expect(argumentsAttribute('3  x')).toEqual({ Args: '3 x' });
    expect(argumentsAttribute('')).toEqual({ Arguments: '' });
  });
});

describe('the emulated condor_submit', () => {
  it('expands $F(…) file name parts of SUBMIT_FILE, the description as condor_submit was given it', async () => {
    emulator = await createHtcondorEmulator();
    const path = join(emulator.stateDirectory, 'parts.sub');
    writeFileSync(path, 'Executable = /bin/echo\nArguments = "$Fp(SUBMIT_FILE) $Fn(SUBMIT_FILE) $Fx(SUBMIT_FILE) $Fnx(SUBMIT_FILE) $F(SUBMIT_FILE)"\nOutput = $Fp(SUBMIT_FILE)$Fn(SUBMIT_FILE).out\nQueue\n');
    expect((await runCommand(['condor_submit', path], emulator.env)).exitCode).toBe(0);
    const output = join(emulator.stateDirectory, 'parts.out');
    await vi.waitFor(() => expect(readFileSync(output, 'utf8')).toBe(`${emulator!.stateDirectory}/ parts .sub parts.sub ${path}\n`), { timeout: 30_000 });
  });

  it('runs the executable in place with transfer_executable = false, and holds the job (code 6) when it cannot be run', async () => {
    emulator = await createHtcondorEmulator();
    const script = join(emulator.stateDirectory, 'in-place.sh');
    writeFileSync(script, '#!/bin/sh\necho "$0 $1"\n', { mode: 0o700 });
    const path = join(emulator.stateDirectory, 'in-place.sub');
    writeFileSync(path, `Executable = ${script}\ntransfer_executable = false\nArguments = $(ProcId)\nOutput = ${script}.out\nQueue\n`);
    expect((await runCommand(['condor_submit', path], emulator.env)).exitCode).toBe(0);
    await vi.waitFor(() => expect(readFileSync(`${script}.out`, 'utf8')).toBe(`${script} 0\n`), { timeout: 30_000 });
    expect((await runCommand(['condor_history', '1.0', '-af', 'Args', 'Cmd'], emulator.env)).stdout).toBe(`0 ${script}\n`);
    chmodSync(script, 0o600);
    expect((await runCommand(['condor_submit', path], emulator.env)).exitCode).toBe(0);
    await vi.waitFor(async () => expect((await runCommand(['condor_q', '2.0', '-af', 'JobStatus', 'HoldReasonCode'], emulator!.env)).stdout).toBe('5 6\n'), { timeout: 30_000 });
  });
});
