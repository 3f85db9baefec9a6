import type { EmulatorJobRecord, EmulatorState } from './emulator-state.mjs';

export function dispatch(state: EmulatorState): string[];
export function startSupervisors(directory: string, ids: string[]): void;
export function dispatchAndStart(directory: string): void;
export function vanishJob(state: EmulatorState, id: string): boolean;
export function killJobProcesses(job: EmulatorJobRecord): void;
export function gpuRecord(gpus: number | undefined): { gpus?: number };
