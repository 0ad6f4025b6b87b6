#!/usr/bin/env python3
"""A TCP server for readiness and health checks: listens on 127.0.0.1:PORT once
--after seconds have passed and the --gate file exists, accepts and closes every
connection, and stops listening for good when the --close-when file appears.
With --exit-if FILE it exits at once (status 3) when FILE exists: a program that
does not come back. With --drain SECONDS, SIGTERM makes it go on accepting for
that long and then exit, as servers drain their connections."""
import argparse
import os
import signal
import socket
import sys
import time

import gate

started = time.monotonic()
parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("--after", type=float, default=0)
parser.add_argument("--gate")
parser.add_argument("--close-when")
parser.add_argument("--exit-if")
parser.add_argument("--drain", type=float)
args = parser.parse_args()

if args.exit_if and os.path.exists(args.exit_if):
    sys.exit(3)
gate.wait_for_start_conditions(started, args.after, args.gate)
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", args.port))
listener.listen(128)
listener.settimeout(0.02)
print("listening on %d" % args.port, flush=True)
drain_deadline = []
if args.drain is not None:
    signal.signal(signal.SIGTERM, lambda *_: drain_deadline.append(time.monotonic() + args.drain))
while not (args.close_when and os.path.exists(args.close_when)):
    if drain_deadline and time.monotonic() >= drain_deadline[0]:
        sys.exit(0)
    try:
        connection, _ = listener.accept()
    except socket.timeout:
        continue
    connection.close()
listener.close()
print("closed", flush=True)
while True:
    time.sleep(1000)
