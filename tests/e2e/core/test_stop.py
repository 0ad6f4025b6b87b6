"""Stopping: SIGTERM, SIGKILL after stopwaitsecs, killasgroup, log lines."""

import re

import harness


def test_stop_logs_terminated_by_sigterm(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
""")
    pid = d.wait_for_exec("x", "sleep")["pid"]
    assert d.rpc.supervisor.stopProcess("x") is True
    info = d.info("x")
    assert info["statename"] == "STOPPED"
    assert info["pid"] == 0
    assert not harness.pid_alive(pid)
    d.wait_for_log(r"WARN stopped: x \(terminated by SIGTERM\)$")
    assert re.fullmatch(r"[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M", info["description"]), info


def test_sigterm_ignoring_child_is_killed_after_stopwaitsecs(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "trap '' TERM; echo ready; while :; do sleep 0.1; done"
startsecs=0
stopwaitsecs=1
""")
    pid = d.wait_for_state("x", "RUNNING")["pid"]
    d.wait_for_file(d.info("x")["stdout_logfile"], lambda t: "ready" in t)
    assert d.rpc.supervisor.stopProcess("x", False) is True
    assert d.info("x")["statename"] == "STOPPING"
    info = d.wait_for_state("x", "STOPPED", timeout=6)
    assert not harness.pid_alive(pid)
    assert info["pid"] == 0
    d.wait_for_log(r"WARN killing 'x' \(%d\) with SIGKILL$" % pid)
    d.wait_for_log(r"WARN stopped: x \(terminated by SIGKILL\)$")
    log = d.main_log()
    # SIGKILL came about stopwaitsecs=1 after the stop request, not at once.
    stamp = lambda rx: re.search(r"^(\S+ \S+) .*" + rx, log, re.M).group(1)
    import datetime
    fmt = "%Y-%m-%d %H:%M:%S,%f"
    asked = datetime.datetime.strptime(stamp(r"DEBG killing x \(pid %d\) with signal SIGTERM" % pid), fmt)
    killed = datetime.datetime.strptime(stamp(r"killing 'x' \(%d\) with SIGKILL" % pid), fmt)
    assert 0.9 <= (killed - asked).total_seconds() <= 3.0, log


def _grandchild_pid(d):
    text = d.wait_for_file("gc.pid", lambda t: t.strip().isdigit())
    return int(text.strip())


GRANDCHILD_PROGRAM = """
[program:x]
command=sh -c "sleep 1000 & gc=$!; trap '' TERM; echo $gc > {tmp}/gc.pid; while :; do sleep 0.1; done"
startsecs=0
stopwaitsecs=1
killasgroup=%s
"""


def test_killasgroup_kills_grandchildren(supervisord):
    d = supervisord.start(GRANDCHILD_PROGRAM % "true")
    pid = d.wait_for_state("x", "RUNNING")["pid"]
    gc = _grandchild_pid(d)
    assert harness.pid_alive(gc)
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_state("x", "STOPPED", timeout=6)
    assert not harness.pid_alive(pid)
    harness.wait_until(lambda: not harness.pid_alive(gc), timeout=3,
                       message="grandchild %d to be gone" % gc)
    d.wait_for_log(r"WARN killing 'x' \(%d\) with SIGKILL$" % pid)


def test_without_killasgroup_grandchild_survives(supervisord):
    d = supervisord.start(GRANDCHILD_PROGRAM % "false")
    pid = d.wait_for_state("x", "RUNNING")["pid"]
    gc = _grandchild_pid(d)
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_state("x", "STOPPED", timeout=6)
    assert not harness.pid_alive(pid)
    assert harness.pid_alive(gc), "only the child should have been killed"
    harness._kill(gc)


def test_stopasgroup_sends_sigterm_to_group(supervisord):
    # The child ignores TERM but its grandchild does not: with stopasgroup the
    # grandchild goes at once, and the child is SIGKILLed after stopwaitsecs.
    d = supervisord.start("""
[program:x]
command=sh -c "sleep 1000 & gc=$!; trap '' TERM; echo $gc > {tmp}/gc.pid; while :; do sleep 0.1; done"
startsecs=0
stopwaitsecs=2
stopasgroup=true
""")
    d.wait_for_state("x", "RUNNING")
    gc = _grandchild_pid(d)
    d.rpc.supervisor.stopProcess("x", False)
    harness.wait_until(lambda: not harness.pid_alive(gc), timeout=1.5,
                       message="grandchild %d to die of the group SIGTERM" % gc)
    d.wait_for_state("x", "STOPPED", timeout=6)


def test_stopsignal(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
stopsignal=INT
""")
    d.wait_for_exec("x", "sleep")
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_log(r"WARN stopped: x \(terminated by SIGINT\)$")


def test_stop_of_clean_exit_on_term(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "trap 'exit 0' TERM; echo ready; while :; do sleep 0.1; done"
startsecs=0
""")
    d.wait_for_state("x", "RUNNING")
    d.wait_for_file(d.info("x")["stdout_logfile"], lambda t: "ready" in t)
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_log(r"INFO stopped: x \(exit status 0\)$")
