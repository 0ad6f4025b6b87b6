"""HTTP connections belong to one daemon generation (the first run, then each
restart): when it ends they are closed, so a keep-alive connection never answers
from a supervisor that has shut down, and a live stream never goes on following
the logs of processes that are gone."""

import signal
import socket
import time
import xmlrpc.client

import pytest

import harness

PROGRAMS = """
[program:sleeper]
command=sh -c 'echo started; exec sleep 1000'
startsecs=0
"""


class RawConnection:
    """One HTTP/1.1 connection over the unix socket, kept open between requests."""

    def __init__(self, sock_path, timeout=10):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(sock_path)
        self.buffer = b""

    def close(self):
        self.sock.close()

    def send(self, data):
        """False when the daemon has closed the connection."""
        try:
            self.sock.sendall(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False

    def _fill(self):
        """Reads more; False at end of stream (or reset)."""
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            return False
        self.buffer += data
        return bool(data)

    def read_head(self):
        """(status, headers with lower-case names), or None when the daemon closed the
        connection before sending anything."""
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                assert self.buffer == b"", "connection closed inside a response head: %r" % self.buffer
                return None
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
        return int(lines[0].split()[1]), headers

    def read_response(self):
        """(status, headers, body) of a response with a Content-Length, or None when the
        daemon closed the connection instead of answering."""
        head = self.read_head()
        if head is None:
            return None
        status, headers = head
        length = int(headers["content-length"])
        while len(self.buffer) < length:
            assert self._fill(), "connection closed inside a response body"
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def read_to_end(self, timeout):
        """Everything until the daemon closes the connection; fails the test if it is
        still open after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail("the daemon did not close the stream within %.0fs" % timeout, pytrace=False)
            self.sock.settimeout(remaining)
            try:
                if not self._fill():
                    return self.buffer
            except socket.timeout:
                continue


def rpc_request(method, *params):
    body = xmlrpc.client.dumps(params, method).encode()
    return (b"POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body


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
