"""A client for the JSON API under /api/v1/, over the daemon's unix socket or TCP."""

import base64
import http.client
import json

from api import rawhttp

USER, PASSWORD = "admin", "secret"


def credentials():
    token = base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()
    return {"Authorization": "Basic " + token}


def call(d, method, path, body=None, headers=None, port=None):
    """(status, headers with lower-case names, decoded JSON) of one request to
    /api/v1/``path``; ``body`` is sent as JSON unless it is bytes. Over TCP to ``port``
    when given, else over the daemon's unix socket."""
    h = dict(headers or {})
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    target = "/api/v1/" + path
    if port is None:
        status, head, raw = rawhttp.request(d.sock, method, target, body or b"", h)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request(method, target, body=body or b"", headers=h)
            response = conn.getresponse()
            status, head, raw = response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()
    head = {k.lower(): v for k, v in head.items()}
    assert head.get("content-type") == "application/json", (status, head, raw[:300])
    return status, head, json.loads(raw)


def ok(d, method, path, body=None, status=200):
    """The JSON of a request that must answer ``status``."""
    got, _, answer = call(d, method, path, body)
    assert got == status, (method, path, got, answer)
    return answer


def error(d, method, path, body=None, headers=None, port=None):
    """(status, code, fault, message) of a request that must fail."""
    status, _, answer = call(d, method, path, body, headers, port)
    assert set(answer) == {"error"}, answer
    e = answer["error"]
    assert set(e) == {"code", "fault", "message"}, e
    assert "\n" not in e["message"]
    return status, e["code"], e["fault"], e["message"]
