"""A real Prometheus server (Debian's `prometheus` package, which scripts/test installs) run
by a test: a generated configuration, a temporary storage directory, 127.0.0.1 and a free
port; queried through its HTTP API."""

import json
import os
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest

import harness


def tool(name):
    """The path of `prometheus` or `promtool`; fails the test when the package is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail("%s is missing: scripts/test installs it (Debian package prometheus)" % name, pytrace=False)
    return path


class PrometheusServer:
    def __init__(self, tmp, config):
        """Starts Prometheus with ``config`` (YAML text) in ``tmp`` and waits until it is ready."""
        self.port = harness.free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        config_path = os.path.join(tmp, "prometheus.yml")
        with open(config_path, "w") as f:
            f.write(config)
        self.log_path = os.path.join(tmp, "prometheus.log")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [tool("prometheus"), "--config.file=" + config_path,
             "--storage.tsdb.path=" + os.path.join(tmp, "data"),
             "--web.listen-address=127.0.0.1:%d" % self.port],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, cwd=tmp,
            start_new_session=True)
        try:
            harness.wait_until(self._ready, timeout=60, message="Prometheus to be ready")
        except BaseException:
            self.stop()
            raise

    def _ready(self):
        if self.proc.poll() is not None:
            pytest.fail("prometheus exited with status %s:\n%s" % (self.proc.returncode, self.log()), pytrace=False)
        with urllib.request.urlopen(self.url + "/-/ready", timeout=5) as response:
            return response.status == 200

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")[-4000:]

    def api(self, path, **params):
        """The `data` of a GET of /api/v1/PATH."""
        url = "%s/api/v1/%s?%s" % (self.url, path, urllib.parse.urlencode(params))
        with urllib.request.urlopen(url, timeout=10) as response:
            answer = json.load(response)
        assert answer["status"] == "success", answer
        return answer["data"]

    def query(self, expr):
        """The result vector of an instant query: [(labels, sample time, value)]."""
        return [(series["metric"], series["value"][0], float(series["value"][1]))
                for series in self.api("query", query=expr)["result"]]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()
