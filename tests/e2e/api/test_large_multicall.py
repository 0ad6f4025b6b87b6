"""A large system.multicall (issue 13, item 2): every call is answered, in linear time,
and the daemon runs the calls in slices, so another client is answered while it runs
instead of waiting for the whole multicall."""

import select
import xmlrpc.client

import harness
from api.rawhttp import RawConnection, rpc_request

CALLS = 10000
GET_STATE = {"methodName": "supervisor.getState", "params": []}


def test_every_call_of_a_large_multicall_is_answered(supervisord):
    d = supervisord.start()
    results = d.rpc.system.multicall([GET_STATE] * CALLS)
    assert len(results) == CALLS
    assert all(result == {"statecode": 1, "statename": "RUNNING"} for result in results)


def test_another_client_is_answered_while_a_large_multicall_runs(supervisord, impl):
    harness.deliberate_difference(impl, "the reference runs a multicall's calls in one go; "
                                        "other clients wait for all of them")
    d = supervisord.start()
    big = RawConnection(d.sock, timeout=110)
    other = RawConnection(d.sock)
    try:
        assert big.send(rpc_request("system.multicall", [GET_STATE] * CALLS))
        # Sent once the whole multicall is on its way: the daemon still has to read,
        # parse and run its calls when this request arrives.
        assert other.send(rpc_request("supervisor.getState"))
        # Whichever answer arrives first: the other client's, alone.
        first, _, _ = select.select([big.sock, other.sock], [], [], 100)
        assert first == [other.sock], "the multicall was answered before the other client"
        status, _, body = other.read_response()
        assert status == 200
        assert xmlrpc.client.loads(body.decode())[0][0]["statename"] == "RUNNING"

        status, _, body = big.read_response()
        assert status == 200
        results = xmlrpc.client.loads(body.decode())[0][0]
        assert len(results) == CALLS and results[-1]["statename"] == "RUNNING"
    finally:
        big.close()
        other.close()
