"""Connects to the Dask cluster started by start-cluster.ts and computes.

usage: /usr/bin/python3 client.py SCHEDULER_FILE [--tls-ca CA --tls-cert CERT --tls-key KEY]

The scheduler speaks TLS by default and accepts only clients that present the
cluster's certificate; start-cluster.ts prints the paths (they are private to you).
"""
import argparse

from distributed import Client, Security

parser = argparse.ArgumentParser()
parser.add_argument("scheduler_file")
parser.add_argument("--tls-ca")
parser.add_argument("--tls-cert")
parser.add_argument("--tls-key")
arguments = parser.parse_args()

security = None
if arguments.tls_cert:
    security = Security(
        tls_ca_file=arguments.tls_ca,
        tls_client_cert=arguments.tls_cert,
        tls_client_key=arguments.tls_key,
        require_encryption=True,
    )


def inc(x):
    return x + 1


with Client(scheduler_file=arguments.scheduler_file, security=security, timeout=30) as client:
    workers = client.scheduler_info()["workers"]
    print(f"connected to {len(workers)} workers: {sorted(w['name'] for w in workers.values())}")
    print("inc(1) =", client.submit(inc, 1).result())
    total = sum(client.gather(client.map(inc, range(1000))))
    print("sum(inc(i) for i in range(1000)) =", total)
