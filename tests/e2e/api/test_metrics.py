"""/metrics for Prometheus and the orchestrator probes /healthz and /readyz (ours only: the
reference has none of them). The documents are checked by Prometheus's own tools: promtool
and the Python client's parsers."""

import base64
import http.client
import os
import shutil
import signal
import subprocess
import xmlrpc.client

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_prometheus

import harness
from api import rawhttp

REASON = "/metrics, /healthz and /readyz are ours; the reference has none of them"
USER, PASSWORD = "admin", "secret"
OPENMETRICS = "application/openmetrics-text; version=1.0.0"


def credentials():
    token = base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
    return {"Authorization": "Basic " + token}


def inet_server(port, extra=""):
    """An [inet_http_server] with credentials, beside the harness's open unix socket."""
    return "[inet_http_server]\nport=127.0.0.1:%d\nusername=%s\npassword=%s\n%s\n" % (port, USER, PASSWORD, extra)


def tcp_get(port, path, headers=None, method="GET"):
    """(status, headers, body) of one request to 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def scrape(d, headers=None):
    status, head, body = rawhttp.request(d.sock, "GET", "/metrics", headers=headers)
    assert status == 200, body
    return {k.lower(): v for k, v in head.items()}, body.decode()


def samples(text):
    """{(sample name, sorted labels): value} of a Prometheus text document."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in parse_prometheus(text) for s in family.samples}


def value(found, metric, **labels):
    return found.get((metric, tuple(sorted(labels.items()))))


def promtool(text):
    tool = shutil.which("promtool")
    if tool is None:
        pytest.fail("promtool is missing: scripts/test installs it (Debian package prometheus)", pytrace=False)
    return subprocess.run([tool, "check", "metrics"], input=text.encode(), capture_output=True, timeout=60)


def test_promtool_and_the_python_parser_accept_500_processes(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    n = 500
    d = supervisord.new("""
[program:sleep]
command=sleep 1000
process_name=%(program_name)s_%(process_num)03d
numprocs=500
startsecs=0
""", supervisord_extra="minfds=4096", loglevel="info")
    d.start()
    harness.wait_until(lambda: all(p["statename"] == "RUNNING" for p in d.all_info()), timeout=60,
                       message="500 RUNNING")
    head, text = scrape(d)
    assert head["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    checked = promtool(text)
    assert checked.returncode == 0, (checked.stdout + checked.stderr).decode()
    families = {f.name: f for f in parse_prometheus(text)}
    assert families["node_supervisord_up"].type == "gauge"
    assert families["supervisord_process_restarts"].type == "counter"
    up = families["node_supervisord_up"].samples
    assert len(up) == n and all(s.value == 1 for s in up)
    assert {s.labels["name"] for s in up} == {"sleep_%03d" % i for i in range(n)}
    running = [s for s in families["supervisord_process_state"].samples if s.labels["state"] == "RUNNING"]
    assert len(running) == n and all(s.value == 1 for s in running)
    assert len(families["supervisord_process_state"].samples) == 8 * n
    assert len(families["supervisord_process_resident_memory_bytes"].samples) == n
    # The same document in OpenMetrics, through its own parser (which insists on `# EOF`).
    head, om = scrape(d, {"Accept": OPENMETRICS})
    assert head["content-type"] == OPENMETRICS + "; charset=utf-8"
    assert om.endswith("\n# EOF\n")
    assert len([s for f in parse_openmetrics(om) if f.name == "node_supervisord_up" for s in f.samples]) == n


PROGRAMS = """
[program:victim]
command=sleep 1000
startsecs=0
autorestart=true

[program:quitter]
command=sh -c "exit 3"
startsecs=0
autorestart=false

[program:talker]
command=sh -c "printf hello; printf ab >&2; exec sleep 1000"
startsecs=0

[program:checked]
command=sleep 1000
startsecs=0
healthcheck=exec:true
healthcheck_interval=0.2

[eventlistener:deaf]
command=sleep 1000
events=PROCESS_STATE
buffer_size=2
"""


def test_values_follow_the_processes(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start(PROGRAMS)
    d.wait_for_state("quitter", "EXITED")
    d.wait_for_state("talker", "RUNNING")
    victim = d.wait_for_state("victim", "RUNNING")["pid"]
    harness.wait_until(lambda: d.info("checked")["description"].endswith(", healthy"), message="checked healthy")
    harness.wait_until(lambda: value(samples(scrape(d)[1]), "supervisord_log_bytes_total", group="talker",
                                     process="talker", stream="stderr") == 2, message="talker's output logged")
    found = samples(scrape(d)[1])

    def of(name, process, group=None, **labels):
        return value(found, name, group=group or process, process=process, **labels)

    assert value(found, "node_supervisord_state", group="quitter", name="quitter") == 100
    assert value(found, "node_supervisord_exit_status", group="quitter", name="quitter") == 3
    assert value(found, "node_supervisord_up", group="quitter", name="quitter") == 0
    assert value(found, "node_supervisord_start_time_seconds", group="quitter", name="quitter") is None
    assert value(found, "node_supervisord_up", group="victim", name="victim") == 1
    assert value(found, "node_supervisord_start_time_seconds", group="victim", name="victim") == \
        d.info("victim")["start"]
    assert of("supervisord_process_state", "quitter", state="EXITED") == 1
    assert of("supervisord_process_state", "quitter", state="RUNNING") == 0
    assert of("supervisord_process_unexpected_exits_total", "quitter") == 1
    assert of("supervisord_process_restarts_total", "victim") == 0
    assert of("supervisord_log_bytes_total", "talker", stream="stdout") == 5
    assert of("supervisord_process_healthy", "checked") == 1
    assert of("supervisord_process_healthy", "victim") is None, "no checks, no health series"
    assert of("supervisord_process_resident_memory_bytes", "victim") > 0
    assert of("supervisord_process_open_fds", "victim") >= 3
    assert of("supervisord_process_cpu_seconds_total", "victim") >= 0
    assert of("supervisord_process_open_fds", "quitter") is None, "no child, no descriptors"
    # The listener never says READY: the pool keeps the newest buffer_size events.
    assert value(found, "supervisord_listener_buffer_events", group="deaf") == 2
    assert value(found, "supervisord_listener_dropped_events_total", group="deaf") > 0
    assert value(found, "supervisord_resident_memory_bytes") > 0
    assert value(found, "supervisord_open_fds") > 0
    assert value(found, "supervisord_uptime_seconds") >= 0
    assert value(found, "supervisord_reloads_total") == 0

    os.kill(victim, signal.SIGKILL)
    d.wait_for_new_pid("victim", victim)
    d.wait_for_state("victim", "RUNNING")
    with pytest.raises(xmlrpc.client.Fault):
        d.rpc.supervisor.startProcess("nonesuch")
    found = samples(scrape(d)[1])
    assert of("supervisord_process_restarts_total", "victim") == 1
    assert of("supervisord_process_unexpected_exits_total", "victim") == 1
    assert value(found, "supervisord_rpc_requests_total", method="supervisor.startProcess", outcome="BAD_NAME") == 1
    assert value(found, "supervisord_rpc_requests_total", method="supervisor.getProcessInfo", outcome="ok") >= 1


def test_reloads_and_rpc_counts_last_across_a_restart(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("[program:a]\ncommand=sleep 1000\nstartsecs=0\n")
    assert d.rpc.supervisor.restart() is True
    d.wait_for_log(r"supervisord started with pid", count=2)
    d.wait_ready()
    found = samples(scrape(d)[1])
    assert value(found, "supervisord_reloads_total") == 1
    assert value(found, "supervisord_rpc_requests_total", method="supervisor.restart", outcome="ok") == 1


def test_openmetrics_when_asked(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("[program:a]\ncommand=sleep 1000\nstartsecs=0\n")
    d.wait_for_state("a", "RUNNING")
    prometheus_accept = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                         "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
    head, om = scrape(d, {"Accept": prometheus_accept})
    assert head["content-type"] == OPENMETRICS + "; charset=utf-8"
    assert om.endswith("\n# EOF\n") and om.count("# EOF") == 1
    assert "# TYPE supervisord_process_restarts counter\n" in om
    assert 'supervisord_process_restarts_total{group="a",process="a"} 0\n' in om
    families = {f.name: f for f in parse_openmetrics(om)}
    assert families["supervisord_process_restarts"].type == "counter"
    assert [s.value for s in families["node_supervisord_up"].samples] == [1]
    for accept in (None, "*/*", "text/plain", "application/openmetrics-text;q=0.2,text/plain;q=0.9"):
        head, text = scrape(d, {"Accept": accept} if accept else None)
        assert head["content-type"].startswith("text/plain; version=0.0.4"), accept
        assert "# EOF" not in text and "# TYPE supervisord_process_restarts_total counter\n" in text


def test_metrics_auth(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    port = harness.free_port()
    d = supervisord.start(inet_server(port) + "[program:a]\ncommand=sleep 1000\nstartsecs=0\n")
    assert tcp_get(port, "/metrics")[0] == 401
    assert tcp_get(port, "/metrics", method="HEAD")[0] == 401
    status, head, body = tcp_get(port, "/metrics", credentials())
    assert status == 200 and b"node_supervisord_up" in body
    d.stop()

    port = harness.free_port()
    d = supervisord.start(inet_server(port, "metrics_auth=false") + "[program:a]\ncommand=sleep 1000\nstartsecs=0\n")
    status, _, body = tcp_get(port, "/metrics")
    assert status == 200 and b'node_supervisord_up{group="a",name="a"}' in body
    status, head, empty = tcp_get(port, "/metrics", method="HEAD")
    assert status == 200 and empty == b"" and int(head["content-length"]) > 0
    assert tcp_get(port, "/metrics", method="POST")[0] == 405
    assert tcp_get(port, "/RPC2", method="POST")[0] == 401, "only /metrics is open"


# The harness's sections, the unix server with credentials and the opposite of both defaults.
UNIX_WITH_AUTH = harness.BASE_CONF.replace(
    "file={tmp}/supervisor.sock\n",
    "file={tmp}/supervisor.sock\nusername=%s\npassword=%s\nmetrics_auth=false\nprobes_auth=true\n" % (USER, PASSWORD),
    1).replace("{loglevel}", "debug").replace("{supervisord_extra}", "")


def test_the_unix_server_reads_the_same_keys(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.new(UNIX_WITH_AUTH, base=False)
    d.start(wait=False)
    harness.wait_until(lambda: rawhttp.request(d.sock, "GET", "/metrics")[0] == 200, message="metrics without credentials")
    assert rawhttp.request(d.sock, "GET", "/healthz")[0] == 401, "probes_auth=true"
    assert rawhttp.request(d.sock, "GET", "/healthz", headers=credentials())[:3:2] == (200, b"ok\n")
    assert rawhttp.post_rpc(d.sock, xmlrpc.client.dumps((), "supervisor.getState").encode())[0] == 401


GATED = """
[program:early]
command=sleep 1000
startsecs=0

[program:gated]
command=sleep 1000
ready=exec:test -e {tmp}/go
ready_interval=0.1

[program:manual]
command=sleep 1000
autostart=false

[program:once]
command=true
startsecs=0
autorestart=false
"""


def test_probes(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    port = harness.free_port()
    d = supervisord.start(inet_server(port) + GATED)
    d.wait_for_state("early", "RUNNING")
    d.wait_for_state("once", "EXITED")
    d.wait_for_state("gated", "STARTING")

    status, head, body = tcp_get(port, "/healthz")
    assert (status, head["content-type"], body) == (200, "text/plain; charset=utf-8", b"ok\n")
    assert tcp_get(port, "/healthz", method="HEAD")[:3:2] == (200, b"")
    for method in ("POST", "PUT", "DELETE"):
        assert tcp_get(port, "/healthz", method=method)[0] == 405
        assert tcp_get(port, "/readyz", method=method)[0] == 405

    # Not ready: the counts for anyone, the names only with the server's credentials.
    status, head, body = tcp_get(port, "/readyz")
    assert (status, head["content-type"]) == (503, "application/json")
    assert body == b'{"status":"not ready","daemon":"RUNNING","ready":2,"not_ready":1}\n'
    assert b"gated" not in body and b"early" not in body
    status, _, body = tcp_get(port, "/readyz", credentials())
    assert status == 503
    assert body == (b'{"status":"not ready","daemon":"RUNNING","ready":2,"not_ready":1,'
                    b'"processes":[{"name":"gated","state":"STARTING"}]}\n')
    status, head, empty = tcp_get(port, "/readyz", method="HEAD")
    assert (status, empty, int(head["content-length"])) == (503, b"", 66)
    assert d.info("gated")["statename"] == "STARTING"

    # Ready once the last autostart process is RUNNING; `manual` does not count, and `once`, a
    # one-shot program that exited as expected, is done.
    d.write_file("go", "")
    harness.wait_until(lambda: tcp_get(port, "/readyz")[0] == 200, message="/readyz to answer 200")
    assert d.info("gated")["statename"] == "RUNNING"
    assert d.info("manual")["statename"] == "STOPPED"
    status, _, body = tcp_get(port, "/readyz", credentials())
    assert (status, body) == (200, b'{"status":"ready","daemon":"RUNNING","ready":3,"not_ready":0,"processes":[]}\n')
    assert tcp_get(port, "/readyz", method="HEAD")[0] == 200

    # A stop makes it not ready again.
    d.rpc.supervisor.stopProcess("early")
    status, _, body = tcp_get(port, "/readyz", credentials())
    assert status == 503 and b'{"name":"early","state":"STOPPED"}' in body
