"""Orphans: with --subreaper (or as PID 1) the daemon adopts and reaps them."""

import re
import shutil

import pytest

import harness


def test_subreaper_reaps_orphaned_grandchild(supervisord, impl):
    harness.deliberate_difference(impl, "--subreaper is ours; the reference has no such option")
    d = supervisord.new("""
[program:parent]
command=sh -c "sleep 1 & echo $! > {tmp}/orphan.pid; exit 0"
startsecs=0
autorestart=false
""")
    d.start(args=["--subreaper"])
    orphan = int(d.wait_for_file("orphan.pid").strip())
    d.wait_for_log(r"INFO reaped unknown pid %d \(exit status 0\)" % orphan, timeout=10)
    assert not harness.pid_alive(orphan)


def test_pid1_in_a_pid_namespace_reaps_and_survives_orphans(supervisord, impl, tmp_path):
    harness.deliberate_difference(impl, "runs ours as PID 1 in a new PID namespace")
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed for this test")
    d = supervisord.new("""
[program:parent]
command=sh -c "sleep 1 & exit 0"
startsecs=0
autorestart=false

[program:steady]
command=sleep 1000
startsecs=0
""")
    d.start(prefix=["unshare", "--pid", "--fork", "--kill-child"])
    d.wait_for_log(r"INFO reaped unknown pid \d+ \(exit status 0\)", timeout=10)
    # The daemon (PID 1 inside) is still serving.
    assert d.info("steady")["statename"] == "RUNNING"
    assert re.search(r"INFO supervisord started with pid 1$", d.main_log(), re.M)
