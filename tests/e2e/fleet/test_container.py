"""examples/container and examples/kubernetes, tested where Docker and Kubernetes are not: the
image's configuration passes `supervisord --check --strict`; the daemon runs with it as PID 1
of a PID namespace, on a network namespace's address, and answers the probes the Deployment
declares and /metrics; the YAML parses and agrees with the configuration and the Dockerfile
(ours only: the reference has no probes, metrics or log prefixes)."""

import configparser
import http.client
import os
import re
import shutil
import signal
import subprocess

import pytest
import yaml

import harness
from fleet import hostnetwork

EXAMPLES = os.path.join(harness.REPO_ROOT, "examples")
CONTAINER_CONF = os.path.join(EXAMPLES, "container", "supervisord.conf")
DOCKERFILE = os.path.join(EXAMPLES, "container", "Dockerfile")
KUBERNETES = os.path.join(EXAMPLES, "kubernetes")
REASON = "the container's configuration uses our extensions (metrics, probes, log prefixes)"
PASSWORD = "container-secret"


def container_conf():
    parser = configparser.RawConfigParser(inline_comment_prefixes=(";",))
    parser.read(CONTAINER_CONF)
    return parser


def container_port():
    return int(container_conf().get("inet_http_server", "port").rsplit(":", 1)[1])


def manifests():
    """{kind: manifest} of examples/kubernetes/*.yaml."""
    found = {}
    for name in sorted(os.listdir(KUBERNETES)):
        with open(os.path.join(KUBERNETES, name)) as f:
            for document in yaml.safe_load_all(f):
                found[document["kind"]] = document
    return found


def the_container():
    [container] = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return container


def check(impl, *args, env=None):
    return subprocess.run([harness.binary(impl, "supervisord"), "--check", "--strict", "-c", CONTAINER_CONF] + list(args),
                          capture_output=True, text=True, timeout=30, env=env)


def test_the_image_config_passes_check(impl):
    harness.deliberate_difference(impl, REASON)
    env = dict(os.environ, SUPERVISOR_PASSWORD=PASSWORD)
    done = check(impl, env=env)
    assert (done.returncode, done.stdout.strip()) == (0, CONTAINER_CONF + ": OK"), done.stderr
    # The password is required: without it the daemon says so and does not start.
    env.pop("SUPERVISOR_PASSWORD")
    done = check(impl, env=env)
    assert done.returncode == 2 and "ENV_SUPERVISOR_PASSWORD" in done.stderr.splitlines()[0], done.stderr


def test_the_kubernetes_manifests_match_the_image():
    conf = container_conf()
    port = container_port()
    found = manifests()
    deployment, service, monitor = found["Deployment"], found["Service"], found["ServiceMonitor"]
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    container = the_container()
    named = {p["name"]: p["containerPort"] for p in container["ports"]}

    def number(port_ref):
        return named[port_ref] if isinstance(port_ref, str) else port_ref

    # The probes: the daemon's paths, on its port, without credentials (probes_auth is off).
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        assert number(container[probe]["httpGet"]["port"]) == port, probe
        assert "httpHeaders" not in container[probe]["httpGet"], probe
    assert not conf.getboolean("inet_http_server", "probes_auth", fallback=False)

    # Scraping: by the pod's annotations, or through the Service and the ServiceMonitor; no
    # credentials, as /metrics asks for none.
    annotations = pod["metadata"]["annotations"]
    assert (annotations["prometheus.io/scrape"], int(annotations["prometheus.io/port"]),
            annotations["prometheus.io/path"]) == ("true", port, "/metrics")
    assert service["spec"]["selector"].items() <= labels.items()
    [endpoint] = monitor["spec"]["endpoints"]
    [service_port] = [p for p in service["spec"]["ports"] if p["name"] == endpoint["port"]]
    assert number(service_port["targetPort"]) == port
    assert monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    assert endpoint["path"] == "/metrics" and "basicAuth" not in endpoint
    assert not conf.getboolean("inet_http_server", "metrics_auth", fallback=True)

    # Every %(ENV_X)s of the configuration is set in the container.
    with open(CONTAINER_CONF) as f:
        wanted = set(re.findall(r"%\(ENV_(\w+)\)s", f.read()))
    assert wanted and wanted <= {variable["name"] for variable in container["env"]}


def test_the_dockerfile_runs_the_config_it_copies():
    with open(DOCKERFILE) as f:
        text = f.read()
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    [copied] = [line.split()[2] for line in lines if line.startswith("COPY examples/container/supervisord.conf ")]
    [entrypoint] = [yaml.safe_load(line[len("ENTRYPOINT "):]) for line in lines if line.startswith("ENTRYPOINT ")]
    assert entrypoint[-2:] == ["-c", copied] and "-n" in entrypoint
    assert entrypoint[0] == "/usr/local/bin/supervisord"
    assert "EXPOSE %d" % container_port() in lines
    assert "-t %s " % the_container()["image"].split(":")[0] in text, "the Deployment runs the image the Dockerfile's comment builds"


@pytest.fixture
def host():
    """One network namespace: the container's network (the daemon listens on all its addresses)."""
    with hostnetwork.linked_hosts(1) as linked:
        yield linked[0]


def get(address, path, port):
    conn = http.client.HTTPConnection(address, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def namespace_pid(host_pid):
    """The pid of a process as its own PID namespace sees it (the last of NSpid)."""
    with open("/proc/%d/status" % host_pid) as f:
        return int(re.search(r"^NSpid:\s+(.*)$", f.read(), re.M).group(1).split()[-1])


# Started after the image's programs: an orphan, which the kernel hands to PID 1.
ORPHAN = """
[program:orphan_maker]
command=sh -c '(sh -c "echo \\$\\$ > {tmp}/orphan.pid; exec sleep 0.2" &); exec sleep 1000'
startsecs=0
"""


@pytest.mark.timeout(120)
def test_the_daemon_as_pid_1_serves_the_probes_and_metrics(impl, host, supervisord):
    # The host first: torn down last, after the daemon in it has stopped.
    harness.deliberate_difference(impl, REASON)
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux) for a PID namespace")
    namespace, address = host
    port = container_port()
    with open(CONTAINER_CONF) as f:
        # The image's configuration, its files under the test's directory instead of /run.
        text = f.read().replace("/run/supervisord.sock", "{tmp}/supervisor.sock").replace("/run/", "{tmp}/")
    d = supervisord.new(text + ORPHAN, base=False)
    # -e debug: the line that says an orphan was reaped is a debug line for PID 1.
    d.start(args=("-e", "debug"), prefix=(
        "ip", "netns", "exec", namespace, "unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
        "env", "SUPERVISOR_PASSWORD=" + PASSWORD))
    daemon = harness.wait_until(lambda: _only_child(d.proc.pid), message="the daemon under unshare")
    assert namespace_pid(daemon) == 1
    d.wait_for_state("app", "RUNNING")
    d.wait_for_state("worker", "RUNNING")

    container = the_container()
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        path = container[probe]["httpGet"]["path"]
        harness.wait_until(lambda: get(address, path, port)[0] == 200, message="%s %s to answer 200" % (probe, path))
    assert get(address, "/readyz", port) == (
        200, '{"status":"ready","daemon":"RUNNING","ready":3,"not_ready":0}\n')
    status, metrics = get(address, "/metrics", port)
    assert status == 200
    assert 'node_supervisord_up{group="app",name="app"} 1\n' in metrics
    resident = re.search(r'^supervisord_process_resident_memory_bytes\{group="app",process="app"\} (\d+)$', metrics, re.M)
    assert resident and int(resident.group(1)) > 0, "the /proc of the PID namespace is read"

    # The console: the daemon's log and the programs' lines, prefixed.
    d.wait_for_file("daemon.out", lambda out: "app | listening\n" in out and "worker | job done\n" in out)
    assert "supervisord started with pid 1\n" in d.daemon_output()
    # PID 1 reaps the orphans it is given.
    orphan = int(d.wait_for_file("orphan.pid").strip())
    d.wait_for_file("daemon.out", lambda out: "reaped unknown pid %d (exit status 0)" % orphan in out)

    # `docker stop`: SIGTERM to PID 1 stops the programs and ends the container.
    os.kill(daemon, signal.SIGTERM)
    assert d.wait_exit(timeout=30) == 0
    out = d.daemon_output()
    for program in ("app", "worker", "orphan_maker"):
        assert "stopped: %s (terminated by SIGTERM)" % program in out, out[-3000:]


def _only_child(pid):
    """The one child of ``pid`` (unshare's, which it forked into the new PID namespace)."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            children = f.read().split()
    except OSError:
        return None
    return int(children[0]) if len(children) == 1 else None
