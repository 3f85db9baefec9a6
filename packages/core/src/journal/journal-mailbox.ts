import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { corePrefix } from '../core-package.js';
import { JobQueueError } from '../errors.js';
import { type Clock, sleep } from '../util/clock.js';
import { writeJsonAtomically } from './journal-files.js';

/** What another process can ask a cluster's owner to do. */
export type ClusterRequest =
  | { action: 'scale'; request: unknown }
  | { action: 'adapt'; options: unknown }
  | { action: 'close' }
  | { action: 'poll' };

/** What the owner does for a request. */
export interface RequestHandler {
  scale(request: never): Promise<void>;
  adapt(options: never): unknown;
  poll(): Promise<void>;
  close(): Promise<void>;
}

/** Carries out `request` on the owning cluster (a close is started, not awaited: the reply must still be written). */
export async function answerRequest(cluster: RequestHandler, request: ClusterRequest): Promise<void> {
  if (request.action === 'scale') await cluster.scale(request.request as never);
  else if (request.action === 'adapt') cluster.adapt(request.options as never);
  else if (request.action === 'poll') await cluster.poll();
  else void cluster.close();
}

/** The owner's answer. */
export type ClusterReply = { ok: true } | { ok: false; code: string; message: string };

/**
 * Requests to a cluster's owner through files in its journal: works wherever the journal
 * is (a login node, or a compute node running the manager job, over a shared filesystem),
 * needs no port, and only the user can write there (0700).
 */
export class JournalMailbox {
  readonly #directory: string;

  constructor(journalDirectory: string) {
    this.#directory = join(journalDirectory, 'mailbox');
  }

  /** Leaves `request` for the owner without waiting (process exit); returns its id. */
  post(request: ClusterRequest): string {
    mkdirSync(this.#directory, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    writeJsonAtomically(join(this.#directory, `${id}.request.json`), request);
    return id;
  }

  /**
   * Sends `request` and waits for the reply (the owner answers within its check interval).
   * `answered` says when the request's effect shows without a reply: a close can remove the
   * journal, mailbox included, before the owner writes its reply there.
   */
  async ask(request: ClusterRequest, clock: Clock, timeoutMs = 60_000, answered: () => boolean = () => false): Promise<void> {
    const id = this.post(request);
    const replyPath = join(this.#directory, `${id}.reply.json`);
    const deadline = clock.now() + timeoutMs;
    while (clock.now() < deadline) {
      if (answered()) return;
      const reply = readReply(replyPath);
      if (reply) {
        rmSync(replyPath, { force: true });
        if (reply.ok) return;
        throw new JobQueueError(reply.code as never, reply.message);
      }
      await sleep(clock, 100);
    }
    rmSync(join(this.#directory, `${id}.request.json`), { force: true });
    throw new JobQueueError('JQ_TIMEOUT', `${corePrefix} the owner of this cluster did not answer within ${timeoutMs / 1000} s`);
  }

  /** Handles every waiting request with `handle` and writes each reply. */
  async serve(handle: (request: ClusterRequest) => Promise<void>): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.#directory).filter((name) => name.endsWith('.request.json'));
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(this.#directory, name);
      let request: ClusterRequest;
      try {
        request = JSON.parse(readFileSync(path, 'utf8')) as ClusterRequest;
      } catch {
        continue;
      }
      rmSync(path, { force: true });
      let reply: ClusterReply = { ok: true };
      try {
        await handle(request);
      } catch (error) {
        reply = { ok: false, code: JobQueueError.isInstance(error) ? error.code : 'JQ_COMMAND_FAILED', message: (error as Error).message };
      }
      try {
        writeJsonAtomically(join(this.#directory, name.replace('.request.json', '.reply.json')), reply);
      } catch (error) {
        // A close removes the journal, mailbox included: the asker sees the journal gone instead.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

function readReply(path: string): ClusterReply | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ClusterReply;
  } catch {
    return undefined;
  }
}
