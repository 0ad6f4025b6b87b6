"""A fleet on one machine: three hosts made of network namespaces, our daemon in each with a
few programs and its HTTP server on the host's own address, and a real Prometheus server
scraping all three with the scrape configuration and alert rules of docs/fleet.md
(examples/prometheus). Everything is asked of Prometheus through its HTTP API, as a
dashboard or an alert would ask it (ours only: the reference has no /metrics)."""

import os
import shutil
import subprocess
import tempfile
import time
import xmlrpc.client

import pytest

import harness
from fleet import hostnetwork
from fleet.prometheusserver import PrometheusServer, tool

ALERTS_DIR = os.path.join(harness.REPO_ROOT, "examples", "prometheus")
SCRAPE_INTERVAL = 1.0  # seconds
USER, PASSWORD = "fleet", "fleet-secret"
PORT = 9001

HOST_CONF = """
[inet_http_server]
port=%(address)s:%(port)d
username=%(user)s
password=%(password)s

[program:web]
command=sleep 1000
process_name=web_%%(process_num)d
numprocs=%(web)d
numprocs_start=1
startsecs=0

[program:migrate]
command=true
startsecs=0
autorestart=false
"""

PROMETHEUS_CONF = """
global:
  scrape_interval: %(interval)ds
  scrape_timeout: %(interval)ds
  evaluation_interval: %(interval)ds
rule_files:
  - %(rules)s
scrape_configs:
  - job_name: supervisord
    basic_auth:
      username: %(user)s
      password: %(password)s
    static_configs:
%(targets)s
"""

TARGET = """      - targets: ["%s:%d"]
        labels:
          host: %s
"""


def test_the_alert_rules_pass_promtool():
    """The example rules load (`promtool check rules`) and fire when and only when they should
    (`promtool test rules`, synthetic series in alerts.test.yml)."""
    promtool = tool("promtool")
    for command in (["check", "rules", "alerts.yml"], ["test", "rules", "alerts.test.yml"]):
        done = subprocess.run([promtool] + command, cwd=ALERTS_DIR, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, "promtool %s:\n%s%s" % (" ".join(command), done.stdout, done.stderr)


@pytest.fixture
def hosts():
    """Three namespaces linked to the root namespace, removed at the end (and whatever a
    crashed run left, before)."""
    with hostnetwork.linked_hosts(3) as linked:
        yield linked


@pytest.fixture
def prometheus_tmp():
    tmp = tempfile.mkdtemp(prefix="sv-e2e-prometheus-", dir="/tmp")
    yield tmp
    shutil.rmtree(tmp, ignore_errors=True)


def not_running_alerts(prometheus):
    """{(host, process, state)} of the example rule's alerts."""
    return {(a["labels"]["host"], a["labels"]["process"], a["state"]) for a in prometheus.api("alerts")["alerts"]
            if a["labels"]["alertname"] == "SupervisordProcessNotRunning"}


def by_host(result):
    return {labels["host"]: value for labels, _, value in result}


@pytest.mark.timeout(240)
def test_prometheus_scrapes_three_hosts(impl, hosts, prometheus_tmp, supervisord):
    # The hosts first: torn down last, after the daemons in them have stopped.
    harness.deliberate_difference(impl, "/metrics is ours; the reference has none")
    names = ["host%d" % i for i in range(1, 4)]
    # host1 runs one web process, host2 two, host3 three; and a one-shot `migrate` each.
    web = dict(zip(names, (1, 2, 3)))
    for name, (namespace, address) in zip(names, hosts):
        d = supervisord.new(HOST_CONF % {"address": address, "port": PORT, "user": USER,
                                         "password": PASSWORD, "web": web[name]},
                            supervisord_extra="identifier=%s" % name, loglevel="info")
        d.start(prefix=("ip", "netns", "exec", namespace))
        d.wait_for_state("migrate", "EXITED")

    targets = "".join(TARGET % (address, PORT, name) for name, (_, address) in zip(names, hosts))
    prometheus = PrometheusServer(prometheus_tmp, PROMETHEUS_CONF % {
        "interval": SCRAPE_INTERVAL, "rules": os.path.join(ALERTS_DIR, "alerts.yml"),
        "user": USER, "password": PASSWORD, "targets": targets})
    try:
        # Every target scraped (up is Prometheus's own: 1 when the scrape succeeded).
        harness.wait_until(lambda: by_host(prometheus.query('up{job="supervisord"}')) == dict.fromkeys(names, 1),
                           timeout=30 * SCRAPE_INTERVAL, message="the three targets up")
        # node_exporter's name: one series per process, and the one-shot is not up.
        up = prometheus.query("node_supervisord_up")
        assert {labels["host"] for labels, _, _ in up} == set(names)
        for name in names:
            of_host = {labels["name"]: value for labels, _, value in up if labels["host"] == name}
            expected = {"web_%d" % i: 1 for i in range(1, web[name] + 1)}
            expected["migrate"] = 0
            assert of_host == expected, name
        running = 'sum by (host) (supervisord_process_state{state="RUNNING"})'
        assert by_host(prometheus.query(running)) == {name: float(web[name]) for name in names}
        # The example rule sees the one-shots, which have exited: pending (it fires after 5 minutes).
        harness.wait_until(lambda: not_running_alerts(prometheus) == {(name, "migrate", "pending") for name in names},
                           timeout=10 * SCRAPE_INTERVAL, message="the not-RUNNING alert pending for the one-shots")

        # Stop one process on host3 through its XML-RPC, over the host's address.
        address = hosts[2][1]
        rpc = xmlrpc.client.ServerProxy("http://%s:%s@%s:%d/RPC2" % (USER, PASSWORD, address, PORT))
        assert rpc.supervisor.stopProcess("web:web_2") is True
        stopped_at = time.time()
        stopped = 'supervisord_process_state{host="host3",process="web_2",state="STOPPED"}'
        harness.wait_until(lambda: prometheus.query(stopped + " == 1"), timeout=10 * SCRAPE_INTERVAL,
                           message="Prometheus to see web_2 on host3 STOPPED")
        # The first sample that shows it is stamped with its scrape's start: within two
        # intervals of the stop. (The wait above is longer, so that slow queries do not
        # count against Prometheus.)
        [series] = prometheus.api("query", query=stopped + "[1m]")["result"]
        first = min(float(at) for at, value in series["values"] if value == "1")
        assert first - stopped_at <= 2 * SCRAPE_INTERVAL, "first seen %.2f s after the stop" % (first - stopped_at)
        assert by_host(prometheus.query(running)) == {"host1": 1.0, "host2": 2.0, "host3": 2.0}
        harness.wait_until(lambda: not_running_alerts(prometheus) == {(name, "migrate", "pending") for name in names}
                           | {("host3", "web_2", "pending")},
                           timeout=10 * SCRAPE_INTERVAL, message="the not-RUNNING alert pending for host3's web_2")
    finally:
        prometheus.stop()
