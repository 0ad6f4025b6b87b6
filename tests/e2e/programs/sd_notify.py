#!/usr/bin/env python3
"""A program written for systemd's Type=notify: talks to $NOTIFY_SOCKET (a unix
datagram socket) as sd_notify(3) does. Sends --status-before at once; once the
--gate file exists sends READY=1 (with STATUS=--status); then, with --watchdog,
sends WATCHDOG=1 every 0.2 s until the --stop-pinging file exists; then idles."""
import argparse
import os
import socket
import sys
import time

import gate

parser = argparse.ArgumentParser()
parser.add_argument("--status-before")
parser.add_argument("--gate")
parser.add_argument("--status")
parser.add_argument("--watchdog", action="store_true")
parser.add_argument("--stop-pinging")
args = parser.parse_args()

address = os.environ.get("NOTIFY_SOCKET")
if not address:
    sys.exit("NOTIFY_SOCKET is not set")
if address.startswith("@"):  # an abstract socket, as sd_notify(3) allows
    address = "\0" + address[1:]
notifier = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)


def notify(*assignments):
    notifier.sendto("\n".join(assignments).encode(), address)


if args.status_before:
    notify("STATUS=" + args.status_before)
if args.gate:
    gate.wait_for_file(args.gate)
notify("READY=1", *(["STATUS=" + args.status] if args.status else []))
print("ready", flush=True)
while args.watchdog and not (args.stop_pinging and os.path.exists(args.stop_pinging)):
    notify("WATCHDOG=1")
    time.sleep(0.2)
print("no more pings", flush=True)
while True:
    time.sleep(1000)
