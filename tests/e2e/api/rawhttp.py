"""A minimal HTTP client over a unix socket, for sending exactly the bytes a test wants."""

import http.client
import socket


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=10):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def request(sock_path, method, path, body=b"", headers=None, timeout=10):
    """Returns (status, headers dict, body bytes)."""
    conn = UnixConnection(sock_path, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def post_rpc(sock_path, body, headers=None):
    h = {"Content-Type": "text/xml"}
    h.update(headers or {})
    return request(sock_path, "POST", "/RPC2", body, h)
