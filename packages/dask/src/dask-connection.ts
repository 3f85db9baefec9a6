import type { DaskTlsFiles } from './dask-tls.js';

/** What a Python user needs to connect `distributed.Client` to the cluster. */
export interface DaskConnection {
  /** Dask's scheduler file (written by the scheduler once it listens): its address for `Client(scheduler_file=…)`. */
  schedulerFile: string;
  /** The TLS files `distributed.Security` takes (readable only by the user), unless `security: false`. */
  tls: DaskTlsFiles | undefined;
  /** Python code that connects as is: paste it, then use `client`. */
  python: string;
}

/**
 * The connection details and a Python snippet that works as printed: `Client` with the
 * scheduler file, and with TLS the `Security` that presents the cluster's certificate
 * (Dask does not read security from the scheduler file).
 */
export function daskConnection(schedulerFile: string, tls: DaskTlsFiles | undefined): DaskConnection {
  const lines = tls
    ? [
        'from distributed import Client, Security',
        '',
        'security = Security(',
        `    tls_ca_file=${pythonString(tls.caFile)},`,
        `    tls_client_cert=${pythonString(tls.certFile)},`,
        `    tls_client_key=${pythonString(tls.keyFile)},`,
        '    require_encryption=True,',
        ')',
        `client = Client(scheduler_file=${pythonString(schedulerFile)}, security=security)`,
      ]
    : ['from distributed import Client', '', `client = Client(scheduler_file=${pythonString(schedulerFile)})`];
  return { schedulerFile, tls, python: `${lines.join('\n')}\n` };
}

/** A Python string literal for `text`: JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) mean the same in Python. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}
