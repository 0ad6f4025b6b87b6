"""HTTP connections belong to one daemon generation (the first run, then each
restart): when it ends they are closed, so a keep-alive connection never answers
from a supervisor that has shut down, and a live stream never goes on following
the logs of processes that are gone."""

import signal
import xmlrpc.client

import pytest

import harness
from api.rawhttp import RawConnection, rpc_request

PROGRAMS = """
[program:sleeper]
command=sh -c 'echo started; exec sleep 1000'
startsecs=0
"""


def wait_for_new_generation(d, old_pid):
    """Waits until the restart has finished: a new connection finds the daemon RUNNING
    with the program started again."""
    def restarted():
        if d.rpc.supervisor.getState()["statename"] != "RUNNING":
            return False
        info = d.rpc.supervisor.getProcessInfo("sleeper")
        return info["statename"] == "RUNNING" and info["pid"] != old_pid and info["pid"]
    return harness.wait_until(restarted, timeout=15, message="the restart to finish")


def restart_by(trigger, d, conn):
    """Asks for a restart: SIGHUP, or supervisor.restart() on the kept-alive connection
    itself, whose answer must arrive before the connection is closed."""
    if trigger == "sighup":
        d.signal(signal.SIGHUP)
        return
    assert conn.send(rpc_request("supervisor.restart"))
    status, _, body = conn.read_response()
    assert status == 200
    assert xmlrpc.client.loads(body.decode())[0] == (True,)


@pytest.mark.parametrize("trigger", ["sighup", "rpc_restart"])
def test_keep_alive_connection_never_answers_from_the_ended_generation(supervisord, trigger):
    d = supervisord.start(PROGRAMS)
    old_pid = d.wait_for_state("sleeper", "RUNNING")["pid"]
    conn = RawConnection(d.sock)
    try:
        assert conn.send(rpc_request("supervisor.getState"))
        status, headers, body = conn.read_response()
        assert status == 200 and "close" not in headers.get("connection", "").lower()
        assert xmlrpc.client.loads(body.decode())[0][0]["statename"] == "RUNNING"

        restart_by(trigger, d, conn)
        new_pid = wait_for_new_generation(d, old_pid)

        # Closed by the daemon, or answered by the new generation; the old one (in
        # SHUTDOWN_STATE, with the old pid) must not answer.
        answer = conn.read_response() if conn.send(rpc_request("supervisor.getProcessInfo", "sleeper")) else None
        if answer is not None:
            status, _, body = answer
            assert status == 200
            info = xmlrpc.client.loads(body.decode())[0][0]
            assert info["pid"] == new_pid, info
    finally:
        conn.close()


def follow_through_restart(supervisord, path):
    """Opens the stream at ``path`` (HTTP/1.1), restarts the daemon by SIGHUP and returns
    the response headers and everything sent after them until the daemon closed the
    connection."""
    d = supervisord.start(PROGRAMS)
    old_pid = d.wait_for_state("sleeper", "RUNNING")["pid"]
    conn = RawConnection(d.sock)
    try:
        assert conn.send(b"GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n" % path.encode())
        status, headers = conn.read_head()
        assert status == 200

        d.signal(signal.SIGHUP)
        wait_for_new_generation(d, old_pid)
        return headers, conn.read_to_end(timeout=10)
    finally:
        conn.close()


@pytest.mark.parametrize("path", ["/mainlogtail", "/logtail/sleeper"])
def test_live_stream_is_closed_when_its_generation_ends(supervisord, path):
    follow_through_restart(supervisord, path)


@pytest.mark.parametrize("path", ["/mainlogtail", "/events"])
def test_ended_stream_gets_the_chunked_terminator_before_the_close(supervisord, impl, path):
    harness.deliberate_difference(impl, "medusa closes the socket in the middle of the chunked body; "
                                        "ours ends the body first (and serves /events, the web page's feed)")
    headers, rest = follow_through_restart(supervisord, path)
    assert headers["transfer-encoding"] == "chunked"
    assert rest.endswith(b"\r\n0\r\n\r\n")
