import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { SchedulerMessage, WorkerMessage } from '@jq/core';
import { createNonce } from '../protocol/protocol-auth.js';
import type { ClientMessage, SchedulerToClientMessage } from '../protocol/protocol-client.js';
import { ProtocolConnection } from '../protocol/protocol-connection.js';
import { checkPeerMessage } from '../protocol/protocol-validators.js';
import type { SchedulerClients } from './scheduler-clients.js';
import { handleWorkerMessage, type SchedulerCore } from './scheduler-messages.js';
import { handshakeMaxFrameBytes } from './scheduler-options.js';
import { SchedulerSession } from './scheduler-session.js';

type PeerConnection = ProtocolConnection<WorkerMessage | ClientMessage, SchedulerMessage | SchedulerToClientMessage>;
const clientTypes = new Set<string>(['client-hello', 'submit', 'cancel-tasks']);

/**
 * Takes a new connection: small frames only until it has authenticated, the challenge
 * first, and a deadline for the handshake. After auth a peer registers as a worker or says
 * `client-hello` and is served as a client. `closed` runs once when it goes away.
 */
export function acceptWorker(core: SchedulerCore & { readonly clients: SchedulerClients }, socket: Socket, closed: (session: SchedulerSession) => void): SchedulerSession {
  const connection: PeerConnection = new ProtocolConnection(socket, checkPeerMessage, handshakeMaxFrameBytes);
  const session = new SchedulerSession(connection as unknown as ProtocolConnection<WorkerMessage, SchedulerMessage>, createNonce(), performance.now());
  let client: ((message: ClientMessage) => void) | undefined;
  const handshake = setTimeout(() => {
    if (session.phase === 'registered' || session.phase === 'client' || session.phase === 'refused') return;
    core.counters.handshakeTimeouts += 1;
    socket.destroy();
  }, core.options.handshakeTimeout * 1000);
  connection.on('violation', (kind) => (core.counters.refusedFrames[kind] += 1));
  connection.on('message', (message) => {
    if (client !== undefined) return client(message as ClientMessage);
    if (!clientTypes.has(message.type)) return handleWorkerMessage(core, session, message as WorkerMessage);
    if (message.type !== 'client-hello' || session.phase !== 'authenticated') return connection.refuse('unexpected', `${message.type} in phase ${session.phase}`);
    session.phase = 'client';
    client = core.clients.add(connection as unknown as ProtocolConnection<ClientMessage, SchedulerToClientMessage>);
  });
  connection.on('closed', () => {
    clearTimeout(handshake);
    closed(session);
  });
  connection.send({ type: 'challenge', version: 1, nonce: session.nonce });
  return session;
}
