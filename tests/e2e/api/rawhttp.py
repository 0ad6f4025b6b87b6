"""A minimal HTTP client over a unix socket, for sending exactly the bytes a test wants."""

import http.client
import socket
import time
import xmlrpc.client

import pytest


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
