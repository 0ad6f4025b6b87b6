#!/usr/bin/env python3
"""An event listener written against the bare protocol (no supervisor imports):
records every event it receives as a JSON line, answers OK, or FAIL once for
events whose payload contains FAIL-ONCE (to exercise rebuffering)."""
import json
import sys

out_path = sys.argv[1]
failed = set()


def read_exactly(n):
    data = b""
    while len(data) < n:
        chunk = sys.stdin.buffer.read(n - len(data))
        if not chunk:
            sys.exit(0)
        data += chunk
    return data


while True:
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    line = sys.stdin.buffer.readline()
    if not line:
        break
    headers = dict(token.split(":", 1) for token in line.decode().split())
    payload = read_exactly(int(headers["len"])).decode()
    with open(out_path, "a") as out:
        out.write(json.dumps({"headers": headers, "payload": payload}) + "\n")
    if "FAIL-ONCE" in payload and payload not in failed:
        failed.add(payload)
        sys.stdout.write("RESULT 4\nFAIL")
    else:
        sys.stdout.write("RESULT 2\nOK")
    sys.stdout.flush()
