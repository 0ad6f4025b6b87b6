"""Basic auth on every path when a username is set, plain and {SHA} passwords."""

import base64
import hashlib
import xmlrpc.client

import pytest

import harness
from api import rawhttp

AUTH_CONF = """
[unix_http_server]
file={tmp}/supervisor.sock
username=admin
password=%s

[supervisord]
logfile={tmp}/supervisord.log
pidfile={tmp}/supervisord.pid
childlogdir={tmp}/childlogs

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:alpha]
command=sh -c "echo hello; exec sleep 1000"
startsecs=0
stdout_logfile={tmp}/alpha.out
"""

GET_STATE = xmlrpc.client.dumps((), "supervisor.getState").encode()


def basic(user, password):
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()}


def start(supervisord, password_setting):
    d = supervisord.new(AUTH_CONF % password_setting, base=False)
    d.start(wait=False)
    harness.wait_until(lambda: rawhttp_ok(d), message="socket")
    return d


def rawhttp_ok(d):
    try:
        rawhttp.post_rpc(d.sock, GET_STATE)
        return True
    except OSError:
        return False


@pytest.mark.parametrize("setting,secret", [
    ("secret", "secret"),
    ("{SHA}" + hashlib.sha1(b"hashed-secret").hexdigest(), "hashed-secret"),
], ids=["plain", "sha"])
def test_auth_required_on_every_path(supervisord, setting, secret):
    d = start(supervisord, setting)
    paths = [("POST", "/RPC2", GET_STATE), ("GET", "/logtail/alpha", b""), ("GET", "/mainlogtail", b""), ("GET", "/", b"")]
    for method, path, body in paths:
        for headers in ({}, basic("admin", "wrong"), basic("intruder", secret)):
            status, response_headers, _ = rawhttp.request(d.sock, method, path, body, headers)
            assert status == 401, (path, headers, status)
            assert response_headers.get("WWW-Authenticate", "").startswith("Basic realm="), response_headers
    # The right credentials work.
    status, _, payload = rawhttp.post_rpc(d.sock, GET_STATE, basic("admin", secret))
    assert status == 200 and b"RUNNING" in payload
    status, _, _ = rawhttp.request(d.sock, "GET", "/", b"", basic("admin", secret))
    assert status == 200
