"""Ansible's community.general.supervisorctl module (installed into the test venv
by scripts/test) against our daemon, through our supervisorctl and the
reference's (the module's `supervisorctl_path`), over the unix socket and over
TCP with credentials (`server_url`, `username`, `password`).

One playbook per case runs every state on a program and on a group; present,
started, stopped and absent run twice, and the second run must change nothing
(restarted and signalled always act). The playbook's last task writes every registered
result to a JSON file, which the test reads.
"""

import json
import os
import subprocess
import sys

import pytest

from . import ctlrun
import harness

PROGRAMS = """
[inet_http_server]
port=127.0.0.1:%(port)d
username=user
password=secret

[program:solo]
command=sh -c 'trap "echo got-usr1" USR1; while :; do sleep 1 & wait $!; done'
stdout_logfile={tmp}/solo.log
stopasgroup=true
startsecs=1

[program:p1]
command=sh -c 'trap "echo got-usr1" USR1; while :; do sleep 1 & wait $!; done'
stdout_logfile={tmp}/p1.log
stopasgroup=true
startsecs=1

[program:p2]
command=sleep 1000
startsecs=1

[group:pool]
programs=p1,p2
"""

# (state, extra module arguments, expected `changed`), in order, for each target.
STEPS = [
    ("stopped", {}, True), ("stopped", {}, False),
    ("started", {}, True), ("started", {}, False),
    ("restarted", {}, True),
    ("signalled", {"signal": "USR1"}, True),
    ("absent", {"stop_before_removing": True}, True), ("absent", {}, False),
    ("present", {}, True), ("present", {}, False),
]
TARGETS = {"solo": ["solo"], "pool:": ["pool:p1", "pool:p2"]}


def _playbook(connection, results_path):
    tasks = []
    for target in TARGETS:
        for state, extra, _ in STEPS:
            args = dict(connection, name=target, state=state, **extra)
            tasks.append({"name": "%s %s" % (target, state), "community.general.supervisorctl": args,
                          "register": "step%d" % len(tasks)})
    everything = "{{ [%s] | to_json }}" % ", ".join("step%d" % i for i in range(len(tasks)))
    tasks.append({"name": "results", "ansible.builtin.copy": {"content": everything, "dest": results_path}})
    return [{"hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]


def _run_playbook(d, connection):
    playbook = os.path.join(d.tmp, "playbook.json")  # JSON is YAML
    results = os.path.join(d.tmp, "results.json")
    with open(playbook, "w") as f:
        json.dump(_playbook(connection, results), f)
    home = os.path.join(d.tmp, "ansible-home")
    env = dict(ctlrun.env(), ANSIBLE_HOME=home, ANSIBLE_LOCAL_TEMP=os.path.join(home, "tmp"),
               ANSIBLE_NOCOLOR="1", ANSIBLE_DEPRECATION_WARNINGS="0", ANSIBLE_RETRY_FILES_ENABLED="0",
               ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    p = subprocess.run([os.path.join(harness.VENV_BIN, "ansible-playbook"), "-i", "localhost,", playbook],
                       capture_output=True, text=True, cwd=d.tmp, env=env, timeout=240)
    assert p.returncode == 0, "ansible-playbook failed:\n%s%s" % (p.stdout, p.stderr)
    with open(results) as f:
        return json.load(f)


@pytest.fixture
def our_supervisord():
    factory = harness.DaemonFactory("ours")
    yield factory
    factory.teardown()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("transport", ["unix", "tcp"])
@pytest.mark.parametrize("ctl", ctlrun.CTLS)
def test_module_states(our_supervisord, ctl, transport):
    port = harness.free_port()
    d = our_supervisord.new(PROGRAMS % {"port": port}).start()
    pids = {}
    for name in ("solo", "pool:p1", "pool:p2"):
        pids[name] = d.wait_for_state(name, "RUNNING")["pid"]

    connection = {"supervisorctl_path": ctlrun.ctl_binary(ctl)}
    if transport == "unix":
        connection["config"] = d.conf_path
    else:
        # The config names no usable server: only -s with the credentials reaches the daemon.
        ctl_conf = d.write_file("ctl-tcp.conf", "[supervisorctl]\nserverurl=unix:///nonexistent/none.sock\n")
        connection.update(config=ctl_conf, server_url="http://127.0.0.1:%d" % port,
                          username="user", password="secret")
    results = _run_playbook(d, connection)

    expected = [(target, state, changed) for target in TARGETS for state, _, changed in STEPS]
    got = [(target, state, r.get("changed")) for (target, state, _), r in zip(expected, results)]
    assert got == expected, results
    for (target, state, _), r in zip(expected, results):
        assert not r.get("failed"), (target, state, r)
        if r["changed"] and state != "present" and state != "absent":
            assert sorted(r["affected"]) == sorted(TARGETS[target]), (target, state, r)

    # After present, everything is back and running, as new processes.
    for name in pids:
        info = d.wait_for_state(name, "RUNNING")
        assert info["pid"] != pids[name], name
    # The signal reached the programs that trap it.
    for log in ("solo.log", "p1.log"):
        d.wait_for_file(log, lambda text: "got-usr1" in text)

