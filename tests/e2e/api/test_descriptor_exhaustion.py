"""The daemon out of descriptors (issue 13, item 3): more clients connect than it may
open descriptors for. It keeps answering the connections it has, a spawn that finds no
descriptors is a spawn error (not a crash), and accept failures are not retried in a
busy loop: a client the daemon has no descriptor for is turned away (accepted with a
reserve descriptor and closed), the shortage is logged once, and new clients are served
again once descriptors are free."""

import os
import re
import socket
import xmlrpc.client

import harness
from api.rawhttp import RawConnection, rpc_request

# Descriptors the daemon may open: a few dozen beyond its own (logs, sockets, epoll,
# signalfd, the pipe watcher), so that a flood of connections runs it out.
DESCRIPTOR_LIMIT = 64
FLOOD = 150  # more than the limit, fewer than the listen backlog (128) plus the limit

PROGRAMS = """
[program:late]
command=sleep 1000
autostart=false
startretries=0
"""

SHORTAGE = r"cannot accept connections: too many open files"
RESUMED = r"accepting connections again"


def start_limited(supervisord):
    d = supervisord.new(PROGRAMS, supervisord_extra="minfds=%d" % (DESCRIPTOR_LIMIT // 2))
    return d.start(prefix=["prlimit", "--nofile=%d:%d" % (DESCRIPTOR_LIMIT, DESCRIPTOR_LIMIT), "--"])


def flood(sock_path):
    """Connects FLOOD sockets that send nothing (those the daemon has not accepted wait
    in the listen backlog)."""
    sockets = []
    for _ in range(FLOOD):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.connect(sock_path)
        except BlockingIOError:  # the backlog is full
            s.close()
            break
        sockets.append(s)
    return sockets


def call(conn, method, *params):
    assert conn.send(rpc_request(method, *params))
    status, _, body = conn.read_response()
    assert status == 200
    try:
        return xmlrpc.client.loads(body.decode())[0][0]
    except xmlrpc.client.Fault as fault:
        return fault


def wait_exhausted(d):
    """Waits until the daemon holds as many descriptors as it may."""
    fds = "/proc/%d/fd" % d.proc.pid
    harness.wait_until(lambda: len(os.listdir(fds)) >= DESCRIPTOR_LIMIT, message="descriptors to run out")


def test_spawn_without_descriptors_is_a_spawn_error(supervisord):
    d = start_limited(supervisord)
    kept = RawConnection(d.sock)
    assert call(kept, "supervisor.getState")["statename"] == "RUNNING"
    sockets = []
    try:
        sockets = flood(d.sock)
        wait_exhausted(d)
        fault = call(kept, "supervisor.startProcess", "late", True)
        assert isinstance(fault, xmlrpc.client.Fault) and fault.faultCode == 50, fault  # SPAWN_ERROR
        assert "too many open files to spawn 'late'" in d.main_log()
        # The daemon is still there and answers the connection it has.
        assert call(kept, "supervisor.getState")["statename"] == "RUNNING"
        assert call(kept, "supervisor.getProcessInfo", "late")["statename"] == "FATAL"
    finally:
        for s in sockets:
            s.close()
        kept.close()
    assert d.proc.poll() is None


def closed_by_daemon(sock_path):
    """Connects and waits for the daemon to close the connection without a word; False
    when the connection is left waiting (in the listen backlog) instead."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    try:
        s.connect(sock_path)
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False
    finally:
        s.close()


def test_accept_failure_turns_clients_away_and_is_logged_once(supervisord, impl):
    harness.deliberate_difference(impl, "medusa retries a failing accept at once, leaving the "
                                        "client waiting, and logs 'server accept() threw an "
                                        "exception' every time")
    d = start_limited(supervisord)
    kept = RawConnection(d.sock)
    assert call(kept, "supervisor.getState")["statename"] == "RUNNING"
    sockets = flood(d.sock)
    try:
        d.wait_for_log(SHORTAGE)
        # A client the daemon has no descriptor for is turned away at once (the pending
        # connection is what kept the daemon retrying), and those it has are served.
        assert closed_by_daemon(d.sock), "a connection was left waiting in the backlog"
        assert call(kept, "supervisor.getState")["statename"] == "RUNNING"
    finally:
        for s in sockets:
            s.close()
    # Descriptors are free again once the daemon has seen the flood go: new clients are
    # served.
    def served():
        try:
            return d.rpc.supervisor.getState()["statename"] == "RUNNING"
        except OSError:
            return False
    harness.wait_until(served, message="a new client to be served")
    d.wait_for_log(RESUMED)
    assert call(kept, "supervisor.getState")["statename"] == "RUNNING"
    kept.close()
    log = d.main_log()
    assert len(re.findall(SHORTAGE, log)) == 1, log[-4000:]
    assert len(re.findall(RESUMED, log)) == 1, log[-4000:]
