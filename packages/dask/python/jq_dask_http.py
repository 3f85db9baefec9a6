"""HTTP routes @jq/dask adds to a Dask scheduler.

Loaded like Dask's own route modules, through the `distributed.scheduler.http.routes`
config (@jq/dask puts this directory on the scheduler's PYTHONPATH). Dask's own
`/api/v1` module answers anyone who can reach the HTTP port (every user of a shared
login node) and its adaptive target has no target-duration parameter; these routes
take one and answer only requests carrying the cluster's token
(`Authorization: Bearer <token>`), given to the scheduler in JQ_DASK_HTTP_TOKEN.
"""
import hmac
import json
import os

from distributed.http.utils import RequestHandler

# Taken out of the environment so the scheduler's own subprocesses do not inherit it.
_token = os.environ.pop("JQ_DASK_HTTP_TOKEN", "")


class _TokenHandler(RequestHandler):
    def prepare(self):
        given = self.request.headers.get("Authorization", "")
        if not _token or not hmac.compare_digest(given.encode(), f"Bearer {_token}".encode()):
            self.set_status(401)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": "a valid token is required"}))


class AdaptiveTargetHandler(_TokenHandler):
    def get(self):
        self.set_header("Content-Type", "application/json")
        duration = self.get_argument("target_duration", None)
        target_duration = float(duration) if duration else None
        self.write(json.dumps({"workers": self.server.adaptive_target(target_duration=target_duration)}))


class RetireWorkersHandler(_TokenHandler):
    async def post(self):
        self.set_header("Content-Type", "application/json")
        addresses = json.loads(self.request.body).get("workers", [])
        retired = await self.server.retire_workers(workers=addresses)
        self.write(json.dumps({"retired": list(retired)}))


routes = [
    ("/jq/v1/adaptive_target", AdaptiveTargetHandler, {}),
    ("/jq/v1/retire_workers", RetireWorkersHandler, {}),
]
