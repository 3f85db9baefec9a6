import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server } from 'node:net';
import { SshCommandRunner } from './ssh-command-runner.js';
import { describeTarget } from './ssh-failures.js';
import { resolveSshOptions, type SshOptions, type SshTunnelMode } from './ssh-options.js';
import { parseSchedulerAddress } from './ssh-tunnel.js';

/** Whether one tunnel mode worked, and what was seen. */
export interface TunnelCheck {
  /** True when a connection went through the tunnel and the expected bytes came back. */
  works: boolean;
  /** What was tried and what happened, in plain words. */
  detail: string;
}

/** What `jobqueue doctor --ssh <host>` reports. */
export interface SshSiteReport {
  /** `user@host:port` as given. */
  target: string;
  /** True when the login worked. */
  connected: boolean;
  /** Why the login failed (unknown host key, refused login, unreachable), when it did. */
  error?: string;
  /** Reverse tunnel (scheduler here, workers dial the login node). */
  reverse?: TunnelCheck;
  /** Local forward (scheduler in a job, this machine dials through the login node). */
  forward?: TunnelCheck;
  /** The mode to put in `ssh.tunnel`, when one works. */
  recommended?: SshTunnelMode;
}

/**
 * Logs in to the site and tries both tunnel modes for real: a reverse tunnel to a
 * listener here, dialed from the login node, and a local forward to the login node's
 * own sshd, dialed from here. Leaves nothing behind (the connection and the private
 * directory are removed). Compute nodes are not tried: they dial the same address as the
 * login node did, which a firewall between them may still block.
 */
export async function checkSshSite(options: SshOptions): Promise<SshSiteReport> {
  const target = describeTarget(resolveSshOptions(options));
  const runner = new SshCommandRunner({ ...options, tunnel: 'reverse' });
  try {
    await runner.remoteDirectory();
  } catch (error) {
    await runner.close();
    return { target, connected: false, error: (error as Error).message };
  }
  try {
    const reverse = await checkReverse(runner);
    const forward = await checkForward(runner);
    const recommended = reverse.works ? 'reverse' : forward.works ? 'forward' : undefined;
    return { target, connected: true, reverse, forward, ...(recommended ? { recommended } : {}) };
  } finally {
    await runner.close();
  }
}

/** A loopback listener that greets each connection with `token`. */
async function greeter(token: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end(`${token}\n`));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function checkReverse(runner: SshCommandRunner): Promise<TunnelCheck> {
  const token = randomBytes(12).toString('hex');
  const { server, port } = await greeter(token);
  try {
    const { workerAddress } = await runner.connect({ address: `tcp://127.0.0.1:${port}` });
    const { host, port: remotePort } = parseSchedulerAddress(workerAddress!);
    // bash's /dev/tcp, else Python: whichever the login node has
    const probe = 'exec 3<>"/dev/tcp/$1/$2" && head -n 1 <&3 || python3 -c "import socket,sys; print(socket.create_connection((sys.argv[1], int(sys.argv[2])), 10).makefile().readline().strip())" "$1" "$2"';
    const result = await runner.run({ argv: ['bash', '-c', probe, 'probe', host, String(remotePort)] }, { timeoutMs: 30_000 });
    const works = result.stdout.includes(token);
    return { works, detail: works ? `the login node reached this machine through ${workerAddress}` : `the login node could not read through ${workerAddress}: ${result.stderr.trim() || `exit ${result.exitCode}`}` };
  } catch (error) {
    return { works: false, detail: (error as Error).message };
  } finally {
    server.close();
  }
}

async function checkForward(runner: SshCommandRunner): Promise<TunnelCheck> {
  try {
    const where = await runner.run({ argv: ['printenv', 'SSH_CONNECTION'] }, { timeoutMs: 30_000 });
    const [, , serverAddress, serverPort] = where.stdout.trim().split(/\s+/);
    if (serverAddress === undefined || serverPort === undefined) return { works: false, detail: `the login node did not say its sshd address (SSH_CONNECTION=${JSON.stringify(where.stdout.trim())})` };
    const local = await runner.forward(`tcp://${serverAddress}:${serverPort}`);
    const banner = await readLine(parseSchedulerAddress(local).port);
    const works = banner.startsWith('SSH-');
    return { works, detail: works ? `${local} here reached ${serverAddress}:${serverPort} on the login node` : `the forward ${local} answered ${JSON.stringify(banner)}` };
  } catch (error) {
    return { works: false, detail: (error as Error).message };
  }
}

/** The first line a loopback port sends, or what went wrong. */
function readLine(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (value: string) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(10_000, () => done(`no answer: ${text}`));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\n')) done(text.split('\n')[0]!.trim());
    });
    socket.on('error', (error) => done(`error: ${error.message}`));
    socket.on('end', () => done(text.trim()));
  });
}
