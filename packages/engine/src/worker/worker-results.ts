import type { TaskOutcome, WorkerMessage } from '@jq/core';
import { decodeBody, encodeFrame, framePrefixBytes } from '../protocol/protocol-codec.js';

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Collects outcomes and sends them in `results` frames, one per turn of the event loop.
 * No frame exceeds the scheduler's limit: a result too large for it is replaced by an
 * error that gives both sizes and names the option, so the scheduler never has to refuse
 * (and disconnect) a healthy worker.
 */
export class ResultSender {
  private pending: TaskOutcome[] = [];
  private scheduled = false;
  /** The scheduler's frame limit in bytes (from its welcome). */
  maxFrameBytes = Number.POSITIVE_INFINITY;

  constructor(private readonly write: (frame: Buffer) => void) {}

  /** Queues outcomes; they leave at the end of this turn. */
  push(outcomes: TaskOutcome[]): void {
    for (const outcome of outcomes) this.pending.push(outcome);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Sends everything pending now. */
  flush(): void {
    if (this.pending.length === 0) return;
    const outcomes = this.pending;
    this.pending = [];
    const frame = encode(outcomes);
    if (frame !== undefined && frame.length - framePrefixBytes <= this.maxFrameBytes) return this.write(frame);
    for (const outcome of outcomes) this.write(this.encodeAlone(outcome));
  }

  /** Sends a `results` frame a task thread encoded (a large result), after what is pending. */
  sendEncoded(frame: Uint8Array): void {
    this.flush();
    const buffer = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    const size = buffer.length - framePrefixBytes;
    if (size <= this.maxFrameBytes) return this.write(buffer);
    // The thread checked against the limit it started with; the scheduler's may be lower now.
    const [outcome] = (decodeBody(buffer.subarray(framePrefixBytes)) as { results: TaskOutcome[] }).results;
    if (outcome !== undefined) this.write(this.tooLarge(outcome.taskId, size));
  }

  /** Drops what is pending (the connection it was for is gone). */
  clear(): void {
    this.pending = [];
  }

  private encodeAlone(outcome: TaskOutcome): Buffer {
    const frame = encode([outcome]);
    if (frame === undefined) {
      return encodeFrame(message([{ taskId: outcome.taskId, ok: false, error: { name: 'TypeError', message: "[jq/engine] the task's result cannot be encoded for the scheduler" } }]));
    }
    const size = frame.length - framePrefixBytes;
    return size <= this.maxFrameBytes ? frame : this.tooLarge(outcome.taskId, size);
  }

  private tooLarge(taskId: string, size: number): Buffer {
    const error = {
      name: 'TooLargeError',
      message: `the task's result is too large: ${megabytes(size)} > limit ${megabytes(this.maxFrameBytes)} (raise the scheduler option maxFrameBytes, or return less)`,
    };
    return encodeFrame(message([{ taskId, ok: false, error, fault: { kind: 'too-large', size, limit: this.maxFrameBytes } }]));
  }
}

function message(results: TaskOutcome[]): WorkerMessage {
  return { type: 'results', results };
}

function encode(outcomes: TaskOutcome[]): Buffer | undefined {
  try {
    return encodeFrame(message(outcomes));
  } catch {
    return undefined;
  }
}
