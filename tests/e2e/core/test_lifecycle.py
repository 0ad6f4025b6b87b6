"""startsecs, RPC start/stop, faults, pidfile/socket cleanup."""

import os
import re
import signal
import xmlrpc.client

import harness


def _fault(call, *args):
    try:
        call(*args)
    except xmlrpc.client.Fault as exc:
        return exc.faultCode, exc.faultString
    return None


def test_exit_before_startsecs_is_backoff_even_with_status_0(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "sleep 0.3; exit 0"
startsecs=3
startretries=0
""")
    info = d.wait_for_state("x", "FATAL", timeout=10)
    assert info["spawnerr"] == "Exited too quickly (process log may have details)"
    log = d.main_log()
    # Too quick counts as unexpected whatever the exit code.
    assert re.search(r"WARN exited: x \(exit status 0; not expected\)$", log, re.M), log
    assert "success: x" not in log


def test_startsecs_value_in_success_line(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=2
""")
    info = d.wait_for_state("x", "STARTING", timeout=5)
    assert info["description"] == ""
    d.wait_for_state("x", "RUNNING", timeout=6)
    d.wait_for_log(r"INFO success: x entered RUNNING state, process has stayed up for "
                   r"> than 2 seconds \(startsecs\)$")


def test_rpc_start_stop_and_faults(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
autostart=false
startsecs=1
""")
    assert d.info("x")["statename"] == "STOPPED"
    assert _fault(d.rpc.supervisor.stopProcess, "x") == (70, "NOT_RUNNING: x")
    # startProcess waits for startsecs and returns True once RUNNING
    assert d.rpc.supervisor.startProcess("x") is True
    info = d.info("x")
    assert info["statename"] == "RUNNING"
    assert _fault(d.rpc.supervisor.startProcess, "x") == (60, "ALREADY_STARTED: x")
    assert d.rpc.supervisor.stopProcess("x") is True
    assert d.info("x")["statename"] == "STOPPED"
    assert not harness.pid_alive(info["pid"])
    assert _fault(d.rpc.supervisor.startProcess, "nope") == (10, "BAD_NAME: nope")


def test_kill9_with_autorestart_false_stays_exited(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
autorestart=false
""")
    pid = d.wait_for_exec("x", "sleep")["pid"]
    os.kill(pid, signal.SIGKILL)
    info = d.wait_for_state("x", "EXITED")
    # The reference reports a signal death as exit status -1.
    assert (info["exitstatus"], info["spawnerr"]) == (-1, "Bad exit code -1"), info
    d.wait_for_log(r"WARN exited: x \(terminated by SIGKILL; not expected\)$")
    d.assert_stays("x", "EXITED")


def test_pidfile_and_socket_removed_on_shutdown(supervisord):
    d = supervisord.start("")
    pidfile = os.path.join(d.tmp, "supervisord.pid")
    assert os.path.exists(pidfile) and os.path.exists(d.sock)
    d.rpc.supervisor.shutdown()
    assert d.wait_exit(timeout=10) == 0
    assert not os.path.exists(pidfile)
    assert not os.path.exists(d.sock)
