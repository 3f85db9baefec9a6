"""Connects to the Dask cluster started by start-cluster.ts and computes.

usage: /usr/bin/python3 client.py tcp://127.0.0.1:PORT
"""
import sys

from distributed import Client


def inc(x):
    return x + 1


with Client(sys.argv[1], timeout=30) as client:
    workers = client.scheduler_info()["workers"]
    print(f"connected to {len(workers)} workers: {sorted(w['name'] for w in workers.values())}")
    print("inc(1) =", client.submit(inc, 1).result())
    total = sum(client.gather(client.map(inc, range(1000))))
    print("sum(inc(i) for i in range(1000)) =", total)
