"""Signals to the daemon: TERM (ordered shutdown), HUP (reload), priority."""

import re
import signal

import harness

# Each child writes "stop-NAME" to {tmp}/stops when it gets SIGTERM, after
# saying "ready" once its trap is in place.
PRIORITY_PROGRAMS = "".join("""
[program:%(n)s]
command=sh -c "trap 'echo stop-%(n)s >> {tmp}/stops; exit 0' TERM; echo ready; while :; do sleep 0.05; done"
priority=%(p)d
startsecs=0
stopwaitsecs=5
""" % {"n": n, "p": p} for n, p in (("a", 300), ("b", 100), ("c", 200)))


def _wait_ready(d, names):
    for n in names:
        d.wait_for_state(n, "RUNNING")
        d.wait_for_file(d.info(n)["stdout_logfile"], lambda t: "ready" in t)


def test_start_in_ascending_priority_stop_in_descending_on_sigterm(supervisord):
    d = supervisord.start(PRIORITY_PROGRAMS)
    _wait_ready(d, "abc")
    spawned = re.findall(r"INFO spawned: '(\w)' with pid", d.main_log())
    assert spawned == ["b", "c", "a"]
    d.signal(signal.SIGTERM)
    assert d.wait_exit(timeout=20) == 0
    assert d.read("stops").split() == ["stop-a", "stop-c", "stop-b"]
    log = d.main_log()
    assert re.findall(r"INFO stopped: (\w) \(exit status 0\)", log) == ["a", "c", "b"]
    assert re.search(r"WARN received SIGTERM indicating exit request$", log, re.M), log
    assert not harness.marked_pids(d.marker)


def test_shutdown_rpc_stops_in_descending_priority(supervisord):
    d = supervisord.start(PRIORITY_PROGRAMS)
    _wait_ready(d, "abc")
    assert d.rpc.supervisor.shutdown() is True
    assert d.wait_exit(timeout=20) == 0
    assert d.read("stops").split() == ["stop-a", "stop-c", "stop-b"]
    assert "received SIGTERM" not in d.main_log()


def test_sigint_also_shuts_down(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
""")
    pid = d.wait_for_exec("x", "sleep")["pid"]
    d.signal(signal.SIGINT)
    assert d.wait_exit(timeout=15) == 0
    assert not harness.pid_alive(pid)
    log = d.main_log()
    assert re.search(r"WARN received SIGINT indicating exit request$", log, re.M), log
    assert re.search(r"WARN stopped: x \(terminated by SIGTERM\)$", log, re.M), log


def test_sighup_reloads_changed_config(supervisord):
    base = """
[program:a]
command=sleep 1000
startsecs=0
"""
    d = supervisord.start(base)
    a1 = d.wait_for_exec("a", "sleep")["pid"]
    d.write_conf(base + """
[program:b]
command=sleep 1000
startsecs=0
""")
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"WARN received SIGHUP indicating restart request$")

    def names():
        try:
            return sorted(i["name"] for i in d.all_info()) == ["a", "b"]
        except Exception:
            return False
    harness.wait_until(names, timeout=15, message="program b to appear after SIGHUP")
    d.wait_for_state("b", "RUNNING")
    # A reload restarts everything: a runs again with a new pid.
    a2 = d.wait_for_new_pid("a", a1)["pid"]
    assert not harness.pid_alive(a1)
    assert a2 != a1
    assert d.proc.poll() is None  # same daemon process, still in the foreground
    d.wait_for_log(r"INFO supervisord started with pid %d$" % d.proc.pid, count=2)


def test_sighup_removes_program_dropped_from_config(supervisord):
    d = supervisord.start("""
[program:a]
command=sleep 1000
startsecs=0

[program:b]
command=sleep 1000
startsecs=0
""")
    b = d.wait_for_exec("b", "sleep")["pid"]
    d.write_conf("""
[program:a]
command=sleep 1000
startsecs=0
""")
    d.signal(signal.SIGHUP)

    def only_a():
        try:
            return [i["name"] for i in d.all_info()] == ["a"]
        except Exception:
            return False
    harness.wait_until(only_a, timeout=15, message="program b to go after SIGHUP")
    harness.wait_until(lambda: not harness.pid_alive(b), timeout=5, message="b's pid to be gone")


def test_sighup_with_broken_config(supervisord, impl):
    d = supervisord.start("""
[program:a]
command=sleep 1000
startsecs=0
""")
    pid = d.wait_for_exec("a", "sleep")["pid"]
    d.write_conf("""
[program:a]
command=sleep 1000
autostart=maybe
""")
    d.signal(signal.SIGHUP)
    if impl == "ours":
        # Deliberate difference (docs/compatibility.md): keep running on the last good config.
        d.wait_for_log(r"CRIT could not reload the configuration, keeping the previous one: "
                       r"not a valid boolean value: 'maybe'")
        d.wait_for_new_pid("a", pid)
        assert d.wait_for_state("a", "RUNNING")["statename"] == "RUNNING"
        assert not harness.pid_alive(pid)
        return
    assert d.wait_exit(timeout=15) == 2
    assert not harness.pid_alive(pid)
    out = d.daemon_output()
    assert ("Error: not a valid boolean value: 'maybe' in section 'program:a' (file: '%s')"
            % d.conf_path) in out.splitlines(), out
