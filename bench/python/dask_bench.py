"""Client side of the Dask figures; run by bench/src/support/dask-client.ts with /usr/bin/python3.

usage: dask_bench.py ADDRESS throughput DEADLINE_S N [N ...]
       dask_bench.py ADDRESS roundtrip WARMUP SAMPLES
Prints one JSON object on stdout. Timing is done here, next to the Dask client, exactly
as a Python user would measure `client.map` + `client.gather`. A TLS scheduler (the default)
is reached with the certificate named by JQ_BENCH_DASK_TLS_CA/_CERT/_KEY.
"""
import json
import os
import sys
import time

from distributed import Client, Security, wait


def inc(x):
    return x + 1


def throughput(client, deadline, counts):
    client.gather(client.map(inc, range(2000), pure=False))  # warm-up: connections, pickled function, 2,000 tasks as on the engine side
    runs = []
    for n in counts:
        started = time.perf_counter()
        futures = client.map(inc, range(n), pure=False)
        try:
            wait(futures, timeout=deadline)
        except TimeoutError:  # distributed 2022.12 raises instead of returning the unfinished set
            seconds = time.perf_counter() - started
            completed = sum(1 for future in futures if future.done())
            client.cancel(futures)
            runs.append({"tasks": n, "seconds": seconds, "completed": completed, "timedOut": True})
            break
        results = client.gather(futures)
        seconds = time.perf_counter() - started
        if results[-1] != n or sum(results) != n * (n + 1) // 2:
            raise SystemExit(f"wrong results for {n} tasks")
        runs.append({"tasks": n, "seconds": seconds, "completed": n, "timedOut": False})
        del futures, results
    return {"runs": runs}


def roundtrip(client, warmup, samples):
    latencies = []
    for index in range(warmup + samples):
        started = time.perf_counter()
        value = client.submit(inc, index, pure=False).result()
        elapsed = time.perf_counter() - started
        if value != index + 1:
            raise SystemExit("wrong round-trip result")
        if index >= warmup:
            latencies.append(elapsed * 1000)
    return {"latenciesMs": latencies}


def main(argv):
    address, mode, *rest = argv
    security = None
    if os.environ.get("JQ_BENCH_DASK_TLS_CERT"):
        security = Security(
            tls_ca_file=os.environ["JQ_BENCH_DASK_TLS_CA"],
            tls_client_cert=os.environ["JQ_BENCH_DASK_TLS_CERT"],
            tls_client_key=os.environ["JQ_BENCH_DASK_TLS_KEY"],
            require_encryption=True,
        )
    with Client(address, security=security, timeout=30) as client:
        if mode == "throughput":
            output = throughput(client, float(rest[0]), [int(n) for n in rest[1:]])
        elif mode == "roundtrip":
            output = roundtrip(client, int(rest[0]), int(rest[1]))
        else:
            raise SystemExit(f"unknown mode {mode}")
    import distributed
    output["version"] = distributed.__version__
    print(json.dumps(output))


if __name__ == "__main__":
    main(sys.argv[1:])
