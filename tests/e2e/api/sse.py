"""A Server-Sent Events client for /api/v1/events over the daemon's unix socket (or
TCP): the response's status and headers, then messages decoded from the chunked body
as they arrive, each waited for with a bounded timeout."""

import json
import socket
import time

import pytest


class Message:
    def __init__(self, event, data, id):
        self.event = event
        self.data = data
        self.id = id

    def json(self):
        return json.loads(self.data)

    def __repr__(self):
        return "Message(%s, id=%s, %s)" % (self.event, self.id, self.data[:120])


class EventStream:
    def __init__(self, sock_path=None, path="/api/v1/events", headers=None, tcp=None, timeout=10):
        if tcp:
            self.sock = socket.create_connection(tcp, timeout=timeout)
        else:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(sock_path)
        lines = ["GET %s HTTP/1.1" % path, "Host: localhost", "Accept: text/event-stream"]
        lines += ["%s: %s" % item for item in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.raw = b""
        self.body = b""
        self.ended = False
        self.status, self.headers = self._head()
        self.retry = None

    def close(self):
        self.sock.close()

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return False
        if not data:
            self.ended = True
            return False
        self.raw += data
        return True

    def _head(self, timeout=10):
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.raw:
            if not self._fill(deadline):
                pytest.fail("no response head from /api/v1/events: %r" % self.raw, pytrace=False)
        head, self.raw = self.raw.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, headers

    def read_body(self, timeout=10):
        """A non-stream reply's whole body (Content-Length)."""
        length = int(self.headers.get("content-length", "0"))
        deadline = time.monotonic() + timeout
        while len(self.raw) < length and self._fill(deadline):
            pass
        return self.raw[:length]

    def _dechunk(self):
        while True:
            end = self.raw.find(b"\r\n")
            if end < 0:
                return
            size = int(self.raw[:end].split(b";")[0], 16)
            if len(self.raw) < end + 2 + size + 2:
                return
            self.body += self.raw[end + 2:end + 2 + size]
            self.raw = self.raw[end + 2 + size + 2:]
            if size == 0:
                self.ended = True
                return

    def next(self, timeout=10):
        """The next message, or None when none came within ``timeout`` (or the stream ended)."""
        deadline = time.monotonic() + timeout
        while True:
            self._dechunk()
            while b"\n\n" in self.body:
                block, self.body = self.body.split(b"\n\n", 1)
                fields = {}
                data = []
                for line in block.decode().split("\n"):
                    name, _, value = line.partition(": ")
                    if name == "data":
                        data.append(value)
                    else:
                        fields[name] = value
                if "retry" in fields and not data:
                    self.retry = int(fields["retry"])
                    continue
                return Message(fields.get("event", "message"), "\n".join(data),
                               int(fields["id"]) if "id" in fields else None)
            if self.ended or not self._fill(deadline):
                return None

    def wait_for(self, predicate, timeout=10, what="a message"):
        """Messages up to and including the first that ``predicate`` accepts."""
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            message = self.next(max(0.0, deadline - time.monotonic()))
            if message is None:
                pytest.fail("timed out waiting for %s; got %r" % (what, seen[-20:]), pytrace=False)
            seen.append(message)
            if predicate(message):
                return seen
