"""Writes line-0, line-1, ... to stdout, one write per line, every INTERVAL seconds
(argv[1], default 0.01), forever: a steady writer whose output can be checked for
lost, repeated or reordered lines."""

import os
import sys
import time

interval = float(sys.argv[1]) if len(sys.argv) > 1 else 0.01
number = 0
while True:
    os.write(1, b"line-%d\n" % number)
    number += 1
    time.sleep(interval)
