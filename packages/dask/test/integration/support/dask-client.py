"""A Python user of the cluster: connects with distributed.Client and computes.

usage: dask-client.py <address> compute|backlog <tasks> [<ca-file> <cert> <key>]
Prints one JSON line with what it computed.
"""
import json
import sys
import time

from distributed import Client, Security


def inc(x):
    return x + 1


def slow_inc(x):
    time.sleep(0.5)
    return x + 1


address, mode, tasks = sys.argv[1], sys.argv[2], int(sys.argv[3])
security = None
if len(sys.argv) > 4:
    ca_file, cert, key = sys.argv[4:7]
    security = Security(tls_ca_file=ca_file, tls_client_cert=cert, tls_client_key=key, require_encryption=True)

with Client(address, security=security, timeout=60) as client:
    if mode == "compute":
        single = client.submit(inc, 1).result()
        mapped = client.gather(client.map(inc, range(tasks)))
        print(json.dumps({"single": single, "count": len(mapped), "sum": sum(mapped)}))
    elif mode == "backlog":
        results = client.gather(client.map(slow_inc, range(tasks)))
        print(json.dumps({"count": len(results), "sum": sum(results)}))
    else:
        raise SystemExit(f"unknown mode {mode}")
