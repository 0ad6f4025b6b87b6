"""What the test programs share: the test lets a program go on by creating a file."""
import os
import time


def wait_for_file(path):
    """Block until ``path`` exists (checked every 20 ms)."""
    while not os.path.exists(path):
        time.sleep(0.02)


def wait_for_start_conditions(started, after, gate):
    """Block until ``after`` seconds have passed since ``started`` (a
    time.monotonic() value) and, when given, the ``gate`` file exists."""
    if gate:
        wait_for_file(gate)
    remaining = started + after - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
