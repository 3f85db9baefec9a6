import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { SchedulerMessage, WorkerMessage } from '@jq/core';
import { createNonce } from '../protocol/protocol-auth.js';
import { ProtocolConnection } from '../protocol/protocol-connection.js';
import { checkWorkerMessage } from '../protocol/protocol-validators.js';
import { handleWorkerMessage, type SchedulerCore } from './scheduler-messages.js';
import { handshakeMaxFrameBytes } from './scheduler-options.js';
import { SchedulerSession } from './scheduler-session.js';

/**
 * Takes a new connection: small frames only until it has authenticated, the challenge
 * first, and a deadline for the handshake. `closed` runs once when it goes away.
 */
export function acceptWorker(core: SchedulerCore, socket: Socket, closed: (session: SchedulerSession) => void): SchedulerSession {
  const connection = new ProtocolConnection<WorkerMessage, SchedulerMessage>(socket, checkWorkerMessage, handshakeMaxFrameBytes);
  const session = new SchedulerSession(connection, createNonce(), performance.now());
  const handshake = setTimeout(() => {
    if (session.phase === 'registered' || session.phase === 'refused') return;
    core.counters.handshakeTimeouts += 1;
    socket.destroy();
  }, core.options.handshakeTimeout * 1000);
  connection.on('violation', (kind) => (core.counters.refusedFrames[kind] += 1));
  connection.on('message', (message) => handleWorkerMessage(core, session, message));
  connection.on('closed', () => {
    clearTimeout(handshake);
    closed(session);
  });
  connection.send({ type: 'challenge', version: 1, nonce: session.nonce });
  return session;
}
