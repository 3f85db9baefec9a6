"""HTTP routes @jq/dask adds to a Dask scheduler.

Loaded like Dask's own route modules, through the `distributed.scheduler.http.routes`
config (@jq/dask puts this directory on the scheduler's PYTHONPATH). Dask's
`/api/v1/adaptive_target` has no target-duration parameter; this route has one.
"""
import json

from distributed.http.utils import RequestHandler


class AdaptiveTargetHandler(RequestHandler):
    def get(self):
        self.set_header("Content-Type", "application/json")
        duration = self.get_argument("target_duration", None)
        target_duration = float(duration) if duration else None
        self.write(json.dumps({"workers": self.server.adaptive_target(target_duration=target_duration)}))


routes = [("/jq/v1/adaptive_target", AdaptiveTargetHandler, {})]
