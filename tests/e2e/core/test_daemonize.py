"""Without -n the daemon forks into the background: the command returns at once, the
pidfile names the daemon, it serves, and shutdown removes the pidfile and socket."""

import os
import subprocess
import xmlrpc.client

import harness


def answers(d):
    try:
        return d.rpc.supervisor.getState()["statename"] == "RUNNING"
    except (OSError, xmlrpc.client.Error):
        return False


def test_daemonizes_writes_pidfile_and_cleans_up(supervisord, impl):
    d = supervisord.new("[program:a]\ncommand=sleep 1000\nstartsecs=0\n")
    launcher = subprocess.run([harness.binary(impl, "supervisord"), "-c", d.conf_path],
                              cwd=d.tmp, env=d.env(), capture_output=True, timeout=15)
    assert launcher.returncode == 0, launcher.stderr
    pidfile = os.path.join(d.tmp, "supervisord.pid")
    pid = int(harness.wait_until(lambda: open(pidfile).read().strip() if os.path.exists(pidfile) else None))
    try:
        harness.wait_until(lambda: answers(d), message="XML-RPC on the daemon's socket")
        assert d.rpc.supervisor.getPID() == pid
        # A daemon leads its own session, detached from the launching terminal.
        assert os.getsid(pid) == pid
        d.wait_for_state("a", "RUNNING")
        d.rpc.supervisor.shutdown()
        harness.wait_until(lambda: not harness.pid_alive(pid), timeout=15, message="daemon exit")
        assert not os.path.exists(pidfile)
        assert not os.path.exists(d.sock)
        assert "daemonizing the supervisord process" in d.main_log()
    finally:
        if harness.pid_alive(pid):
            os.kill(pid, 9)
