"""A client that sends a complete request and then shuts down its write side
(shutdown(SHUT_WR), as `nc -N` and some scripts do) still gets the answer before the
daemon closes the connection (issue 13, item 5)."""

import socket
import xmlrpc.client

import pytest

import harness
from api.rawhttp import RawConnection, rpc_request

PROGRAMS = """
[program:slow]
command=sleep 1000
autostart=false
startsecs=1
"""

ATTEMPTS = 20


def half_closed_exchange(d, request):
    """Sends `request`, shuts down the write side and returns the parsed XML-RPC result
    of everything read until the daemon closes the connection."""
    conn = RawConnection(d.sock)
    try:
        assert conn.send(request)
        conn.sock.shutdown(socket.SHUT_WR)
        received = conn.read_to_end(timeout=10)
    finally:
        conn.close()
    assert received, "the connection was closed without an answer"
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    return xmlrpc.client.loads(body.decode())[0][0]


def test_half_closed_request_is_answered(supervisord):
    d = supervisord.start(PROGRAMS)
    # The close used to race the reply: try enough times to meet the race.
    for _ in range(ATTEMPTS):
        assert half_closed_exchange(d, rpc_request("supervisor.getState"))["statename"] == "RUNNING"


@pytest.mark.timeout(60)
def test_half_closed_request_answered_later_is_answered(supervisord, impl):
    harness.deliberate_difference(impl, "medusa closes a half-closed connection whose answer "
                                        "is not ready yet, without answering")
    d = supervisord.start(PROGRAMS)
    # startProcess waits for RUNNING (startsecs): the answer comes after the half-close.
    assert half_closed_exchange(d, rpc_request("supervisor.startProcess", "slow", True)) is True
    assert d.info("slow")["statename"] == "RUNNING"
