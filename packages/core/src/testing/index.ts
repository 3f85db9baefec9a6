export { ManualClock } from './manual-clock.js';
export { RecordingCommandRunner, type CommandResponder } from './recording-command-runner.js';
export { TestScheduler } from './test-scheduler.js';
