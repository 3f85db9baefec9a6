import { sshError } from './ssh-errors.js';
import { describeTarget } from './ssh-failures.js';
import type { SshMaster } from './ssh-master.js';
import type { ResolvedSshOptions } from './ssh-options.js';
import type { SessionOutcome } from './ssh-session-result.js';
import { freeLocalPort, localSpecification, parseSchedulerAddress, reverseSpecification } from './ssh-tunnel.js';

/** A forward the master carries, with its ports fixed, so a new master can carry it again. */
interface Forward {
  kind: '-R' | '-L';
  specification: string;
}

/**
 * The forwards of one runner's master. They live and die with the master connection:
 * after a reconnect, each is asked for again on the same ports, so the addresses already
 * written into job scripts (and the workers dialing them) keep working.
 */
export class SshTunnels {
  readonly #forwards: Forward[] = [];

  constructor(
    private readonly options: ResolvedSshOptions,
    private readonly master: SshMaster,
    private readonly session: (script: string) => Promise<SessionOutcome>,
  ) {}

  /** Forwards a port of the login node back to the scheduler at `address` here; the address workers dial. */
  async reverse(address: string): Promise<string> {
    const target = parseSchedulerAddress(address);
    const tunnelHost = this.options.tunnelHost ?? (await this.#loginHostName());
    const answer = await this.#add('-R', reverseSpecification(tunnelHost, 0, target));
    const port = Number(/^\d+$/m.exec(answer)?.[0]);
    if (!Number.isInteger(port) || port < 1) throw sshError('JQ_CONNECTION_FAILED', `${describeTarget(this.options)} did not say which port the reverse tunnel got: ${JSON.stringify(answer)}`);
    this.#forwards.push({ kind: '-R', specification: reverseSpecification(tunnelHost, port, target) });
    return `${target.protocol}://${tunnelHost.includes(':') ? `[${tunnelHost}]` : tunnelHost}:${port}`;
  }

  /** Forwards a free loopback port here to `address` as the login node dials it; the local address. */
  async local(address: string): Promise<string> {
    const target = parseSchedulerAddress(address);
    const port = await freeLocalPort();
    const specification = localSpecification(port, target);
    await this.#add('-L', specification);
    this.#forwards.push({ kind: '-L', specification });
    return `${target.protocol}://127.0.0.1:${port}`;
  }

  /** Asks a new master for every forward again, on the same ports. */
  async restore(): Promise<void> {
    for (const forward of this.#forwards) await this.#add(forward.kind, forward.specification);
  }

  async #add(kind: '-R' | '-L', specification: string): Promise<string> {
    const result = await this.master.forward(kind, specification);
    if (!result.ok) {
      const hint = kind === '-R' ? ' (the login node\'s sshd must allow it: AllowTcpForwarding, and GatewayPorts for a non-loopback tunnelHost)' : '';
      throw sshError('JQ_CONNECTION_FAILED', `${describeTarget(this.options)} refused the forward ${kind} ${specification}${hint}: ${result.stderr}`);
    }
    return result.stdout;
  }

  async #loginHostName(): Promise<string> {
    const result = await this.session('hostname');
    const name = result.stdout.trim();
    if (result.exitCode !== 0 || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name)) {
      throw sshError('JQ_CONNECTION_FAILED', `could not read the login node's host name for the tunnel (set ssh.tunnelHost): ${result.stderr.trim() || JSON.stringify(name)}`);
    }
    return name;
  }
}
