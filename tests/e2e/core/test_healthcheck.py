"""healthcheck= (issue 14): checked while RUNNING every healthcheck_interval; after
healthcheck_retries failures in a row the process is unhealthy (description, main log, a
PROCESS_HEALTH_UNHEALTHY event published before the action's state changes) and the action is
taken: restart, stop or none. Extensions: ours only (the reference ignores the keys)."""

import os
import re

import pytest

import harness
from events.test_listener_protocol import listener_conf, recorded, wait_events

EXTENSION = "healthcheck= is ours; the reference ignores the key"
HEALTHY = r"^pid \d+, uptime \d+:\d\d:\d\d, healthy$"

WEB = """
[program:web]
command=%(command)s
startsecs=0
ready=%(check)s
ready_interval=0.1
healthcheck=%(check)s
healthcheck_interval=0.5
healthcheck_timeout=1
healthcheck_retries=2
healthcheck_action=%(action)s
"""


def _http_web(action):
    port = harness.free_port()
    return WEB % {"command": harness.program_command("http_server.py", port, "--fail-when", "{tmp}/sick"),
                  "check": "http://127.0.0.1:%d/health" % port, "action": action}


def _healthy(d, name):
    return harness.wait_until(lambda: (lambda i: i if re.match(HEALTHY, i["description"]) else None)(d.info(name)),
                              message="%s to be described healthy" % name)


def _web_events(d):
    return [e for e in recorded(d) if "processname:web " in e["payload"]]


def test_an_unhealthy_process_is_restarted_after_the_retries(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(listener_conf("PROCESS_HEALTH,PROCESS_STATE") + _http_web("restart"))
    first = _healthy(d, "web")
    d.write_file("sick", "")
    d.wait_for_log(r"WARN unhealthy: web \(2 failures: HTTP 500\); restarting$")
    # The new process is not ready (its check answers 500 too) until the file is gone.
    os.unlink(os.path.join(d.tmp, "sick"))
    second = d.wait_for_new_pid("web", first["pid"], timeout=15)
    wait_events(d, lambda ev: any(e["headers"]["eventname"] == "PROCESS_STATE_RUNNING"
                                  and "pid:%d" % second["pid"] in e["payload"] for e in ev))
    events = _web_events(d)
    names = [e["headers"]["eventname"] for e in events]
    unhealthy = names.index("PROCESS_HEALTH_UNHEALTHY")
    assert events[unhealthy]["payload"] == "processname:web groupname:web pid:%d failures:2\nHTTP 500" % first["pid"]
    after = [n for n in names[unhealthy + 1:] if n.startswith("PROCESS_STATE_")]
    assert after == ["PROCESS_STATE_STOPPING", "PROCESS_STATE_STOPPED", "PROCESS_STATE_STARTING",
                     "PROCESS_STATE_RUNNING"], names
    assert names[:unhealthy].count("PROCESS_STATE_STOPPING") == 0, names
    assert int(events[unhealthy]["headers"]["serial"]) < int(events[names.index("PROCESS_STATE_STOPPING")]["headers"]["serial"])
    assert re.search(r"DEBG killing web \(pid %d\) with signal SIGTERM$" % first["pid"], d.main_log(), re.M)
    _healthy(d, "web")


def test_action_stop_leaves_it_stopped(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(_http_web("stop"))
    _healthy(d, "web")
    d.write_file("sick", "")
    d.wait_for_log(r"WARN unhealthy: web \(2 failures: HTTP 500\); stopping$")
    d.wait_for_state("web", "STOPPED")
    d.assert_stays("web", "STOPPED", seconds=1)
    assert d.main_log().count("spawned: 'web'") == 1


def _healthy_after_unhealthy(events):
    names = [e["headers"]["eventname"] for e in events]
    return ("PROCESS_HEALTH_UNHEALTHY" in names
            and "PROCESS_HEALTH_HEALTHY" in names[names.index("PROCESS_HEALTH_UNHEALTHY"):])


def test_action_none_only_reports_and_recovery_is_reported(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(listener_conf("PROCESS_HEALTH") + _http_web("none"))
    first = _healthy(d, "web")
    d.write_file("sick", "")
    d.wait_for_log(r"WARN unhealthy: web \(2 failures: HTTP 500\)$")
    unhealthy = d.info("web")
    assert (unhealthy["statename"], unhealthy["pid"]) == ("RUNNING", first["pid"]), unhealthy
    assert re.match(r"^pid %d, uptime \d+:\d\d:\d\d, unhealthy \((\d+) failures: HTTP 500\)$" % first["pid"],
                    unhealthy["description"]), unhealthy
    os.unlink(os.path.join(d.tmp, "sick"))
    d.wait_for_log(r"INFO healthy: web$")
    assert _healthy(d, "web")["pid"] == first["pid"]
    events = wait_events(d, _healthy_after_unhealthy)
    health = [(e["headers"]["eventname"], e["payload"]) for e in _web_events(d)]
    header = "processname:web groupname:web pid:%d" % first["pid"]
    went_unhealthy = health.index(("PROCESS_HEALTH_UNHEALTHY", header + " failures:2\nHTTP 500"))
    recovered = [(name, payload.partition("\n")[0], payload.partition("\n")[2])
                 for name, payload in health[went_unhealthy + 1:]]
    assert recovered == [("PROCESS_HEALTH_HEALTHY", header + " failures:0", "")], health
    assert all(e["headers"]["eventname"].startswith("PROCESS_HEALTH_") for e in events), events
    assert "unhealthy: web" not in d.main_log().split("INFO healthy: web")[1]


@pytest.mark.parametrize("kind", ["tcp", "exec"])
def test_failure_reasons(supervisord, impl, kind):
    harness.deliberate_difference(impl, EXTENSION)
    port = harness.free_port()
    if kind == "tcp":
        command = harness.program_command("tcp_server.py", port, "--close-when", "{tmp}/sick")
        check, reason = "tcp:%d" % port, "connection refused"
    else:
        command = "sleep 1000"
        check, reason = "exec:test ! -f {tmp}/sick", "exit status 1"
    d = supervisord.start(WEB % {"command": command, "check": check, "action": "none"})
    _healthy(d, "web")
    d.write_file("sick", "")
    d.wait_for_log(r"WARN unhealthy: web \(2 failures: %s\)$" % reason)
    harness.wait_until(lambda: re.search(r", unhealthy \(\d+ failures: %s\)$" % reason, d.info("web")["description"]),
                       message="web to be described unhealthy (%s)" % reason)


def test_a_probe_command_over_its_timeout_is_killed_and_reaped(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:web]
command=sleep 1000
startsecs=0
healthcheck=exec:sh -c 'test -f {tmp}/slow || exit 0; echo $$ >> {tmp}/slow-probes; exec sleep 100'
healthcheck_interval=0.2
healthcheck_timeout=0.5
healthcheck_retries=2
healthcheck_action=none
""")
    _healthy(d, "web")
    d.write_file("slow", "")
    found = d.wait_for_log(r"WARN unhealthy: web \(2 failures: (.*)\)$")[0]
    # Which words a kill at the timeout gives is the implementation's; either names it.
    assert re.fullmatch(r"killed by SIGKILL|timed out after 0\.5 seconds", found.group(1)), found.group(0)
    first = int(d.read("slow-probes").split()[0])
    harness.wait_until(lambda: not os.path.exists("/proc/%d" % first),
                       message="the first timed-out probe (pid %d) to be killed and reaped" % first)
    assert "reaped unknown pid" not in d.main_log()


def test_many_exec_checks_leave_no_unknown_pid(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:web]
command=sleep 1000
startsecs=0
healthcheck=exec:sh -c 'echo check >> {tmp}/checks'
healthcheck_interval=0.05
""")
    harness.wait_until(lambda: os.path.exists(os.path.join(d.tmp, "checks")) and d.read("checks").count("check") >= 20,
                       message="twenty health checks")
    assert re.match(HEALTHY, d.info("web")["description"])
    assert "reaped unknown pid" not in d.main_log()
