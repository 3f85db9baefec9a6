"""Rank processes of `jq-run --dask`, started with `python jq_run_dask.py ROLE …`.

Every role first watches its parent (the jq-run rank process): when that rank dies, so
does this process, so no scheduler or worker of a dead rank lingers in the allocation.

  scheduler ARGS…              the Dask scheduler CLI with ARGS
  worker ARGS…                 the Dask worker CLI with ARGS
  main WORKERS TIMEOUT SCRIPT ARGS…
                               waits for WORKERS workers (at most TIMEOUT s), runs SCRIPT
                               as __main__ with ARGS, then shuts the scheduler and its
                               workers down; exits with the script's status.
"""
import os
import runpy
import sys
import threading
import time


def exit_with_parent(parent=os.getppid()):
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def run_main(workers, timeout, script, args):
    from distributed import Client
    from distributed.client import _global_clients

    # Address and TLS files come from DASK_* variables set by jq-run, as for the script's own Client().
    client = Client(timeout=timeout)
    try:
        client.wait_for_workers(workers, timeout=timeout)
    except Exception as error:  # run anyway on the workers that came, as the native runner does
        print(f"[jq-run] {len(client.scheduler_info()['workers'])} of {workers} workers after {timeout} s: {error}", file=sys.stderr)
    sys.argv = [script, *args]
    status = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as leaving:
        status = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    finally:
        # The script's own clients first, so they do not try to reconnect to a closed scheduler.
        for other in list(_global_clients.values()):
            if other is not client:
                other.close()
        try:
            client.shutdown()
        except Exception:
            pass  # the script may have shut it down itself
    return status


if __name__ == "__main__":
    threading.Thread(target=exit_with_parent, daemon=True).start()
    role, rest = sys.argv[1], sys.argv[2:]
    if role == "main":
        sys.exit(run_main(int(rest[0]), float(rest[1]), rest[2], rest[3:]))
    module = {"scheduler": "distributed.cli.dask_scheduler", "worker": "distributed.cli.dask_worker"}[role]
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
