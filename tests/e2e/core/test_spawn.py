"""Spawn failures, BACKOFF/FATAL, and the descriptions getProcessInfo gives."""

import datetime
import re
import sys

import harness

EXITED_TOO_QUICKLY = "Exited too quickly (process log may have details)"


def spawn_times(log, name):
    """Timestamps of the "spawned: 'name'" lines of the main log."""
    times = []
    for m in re.finditer(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) INFO spawned: '%s' with pid \d+$"
                         % re.escape(name), log, re.M):
        times.append(datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f"))
    return times


def test_backoff_growing_delays_then_fatal(supervisord):
    # startsecs=3 leaves room for the exit to be noticed before startsecs
    # passes (the reference can take up to ~1 s to reap a child).
    d = supervisord.start("""
[program:x]
command=sh -c "echo boom >&2; exit 1"
startsecs=3
startretries=2
""")
    d.wait_for_state("x", ("STARTING", "BACKOFF", "FATAL"))
    info = d.wait_for_state("x", "FATAL", timeout=15)
    assert info["spawnerr"] == EXITED_TOO_QUICKLY
    assert info["description"] == EXITED_TOO_QUICKLY
    assert info["pid"] == 0
    assert info["exitstatus"] == 0  # what the reference reports in FATAL
    log = d.wait_for_log(r"gave up: x entered FATAL state, too many start retries too quickly")
    log = d.main_log()
    times = spawn_times(log, "x")
    assert len(times) == 3, log  # the first try + startretries=2
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    # BACKOFF waits 1 s, then 2 s (plus up to ~1 s to notice the exit and tick).
    assert 0.9 <= gaps[0] <= 2.3, gaps
    assert 1.9 <= gaps[1] <= 3.3, gaps
    assert len(re.findall(r"WARN exited: x \(exit status 1; not expected\)", log)) == 3, log
    assert "success: x" not in log
    # The child's stderr went to its log.
    assert "boom\n" in d.tail_child_log("x", "stderr")


def test_backoff_description_while_retrying(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "exit 1"
startsecs=3
startretries=2
""")
    info = d.wait_for_state("x", "BACKOFF", timeout=10)
    assert info["description"] == EXITED_TOO_QUICKLY
    assert info["spawnerr"] == EXITED_TOO_QUICKLY


def test_command_not_found(supervisord):
    d = supervisord.start("""
[program:abs]
command=/nonexistent/thing arg
startretries=1

[program:rel]
command=nosuchcommand-e2e
startretries=1
""")
    for name, cmd in (("abs", "/nonexistent/thing"), ("rel", "nosuchcommand-e2e")):
        info = d.wait_for_state(name, "FATAL")
        msg = "can't find command '%s'" % cmd
        assert info["spawnerr"] == msg
        assert info["description"] == msg
        assert info["pid"] == 0
        d.wait_for_log(r"INFO spawnerr: %s$" % re.escape(msg), count=2)
        d.wait_for_log(r"INFO gave up: %s entered FATAL state, too many start retries too quickly"
                       % name)
    assert "spawned: 'abs'" not in d.main_log()


def test_command_not_executable(supervisord):
    d = supervisord.new("""
[program:x]
command={tmp}/notexec.sh
startretries=0
""")
    script = d.write_file("notexec.sh", "#!/bin/sh\necho hi\n", mode=0o644)
    d.start()
    info = d.wait_for_state("x", "FATAL")
    msg = "command at '%s' is not executable" % script
    assert info["spawnerr"] == msg
    assert info["description"] == msg
    d.wait_for_log(r"INFO spawnerr: %s$" % re.escape(msg))


def test_bad_directory(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 100
directory=/nonexistent/e2e-dir
startretries=0
""")
    info = d.wait_for_state("x", "FATAL")
    # The reference forks, fails chdir in the child and exits 127.
    assert info["spawnerr"] == EXITED_TOO_QUICKLY
    d.wait_for_log(r"WARN exited: x \(exit status 127; not expected\)")
    err = d.tail_child_log("x", "stderr")
    assert "supervisor: couldn't chdir to /nonexistent/e2e-dir: ENOENT\n" in err
    assert "supervisor: child process was not spawned\n" in err


def test_start_process_rpc_reports_spawn_error(supervisord):
    d = supervisord.start("""
[program:x]
command=/nonexistent/thing
autostart=false
startretries=0
""")
    assert d.info("x")["description"] == "Not started"
    try:
        d.rpc.supervisor.startProcess("x")
    except Exception as exc:  # xmlrpc.client.Fault
        fault = exc
    else:
        fault = None
    assert fault is not None and fault.faultCode == 20, fault  # NO_FILE
    assert fault.faultString == "NO_FILE: can't find command '/nonexistent/thing'"
    # The command is looked up before anything changes: x stays STOPPED.
    info = d.info("x")
    assert (info["statename"], info["description"], info["spawnerr"]) == (
        "STOPPED", "Not started", ""), info
    assert "spawnerr:" not in d.main_log()


# Runs the daemon with these signals ignored, as a shell does for a background job (SIGINT,
# SIGQUIT) and nohup does (SIGHUP): what it inherits must not reach its children.
IGNORING_LAUNCHER = """
import os, signal, sys
for name in ("SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGTTOU"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
os.execv(sys.argv[1], sys.argv[1:])
"""


def test_children_start_with_every_signal_default_and_unblocked(supervisord, impl):
    harness.deliberate_difference(impl, "the reference's children inherit what Python ignores (SIGPIPE, SIGXFSZ)")
    d = supervisord.new("""
[program:first]
command=grep -E "^Sig(Ign|Blk):" /proc/self/status
startsecs=0
autorestart=false

[program:later]
command=grep -E "^Sig(Ign|Blk):" /proc/self/status
startsecs=0
autostart=false
autorestart=false
""")
    d.start(prefix=[sys.executable, "-c", IGNORING_LAUNCHER])
    d.wait_for_state("first", "EXITED")
    # A later spawn too, after the daemon's sockets are all set up.
    d.rpc.supervisor.startProcess("later")
    d.wait_for_state("later", "EXITED")
    for name in ("first", "later"):
        out = d.tail_child_log(name)
        # Caught signals are not inherited (exec resets them); grep catches SIGSEGV itself.
        for field in ("SigBlk", "SigIgn"):
            assert "%s:\t0000000000000000\n" % field in out, (name, out)
