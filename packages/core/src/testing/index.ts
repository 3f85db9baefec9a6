export { ManualClock } from './manual-clock.js';
export { RecordingCommandRunner, type CommandResponder } from './recording-command-runner.js';
export { TestScheduler, restoreScheduler } from './test-scheduler.js';
export { probeParser, statusMapProblems, statusProblems, type ParseOutcome } from './parser-probe.js';
