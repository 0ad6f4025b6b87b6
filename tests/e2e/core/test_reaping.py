"""Orphans: with --subreaper (or as PID 1) the daemon adopts and reaps them, and says so at
debug level (reap_unknown_loglevel) since that is normal there."""

import os
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
    d.wait_for_log(r"DEBG reaped unknown pid %d \(exit status 0\)" % orphan, timeout=10)
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
    d.wait_for_log(r"DEBG reaped unknown pid \d+ \(exit status 0\)", timeout=10)
    # The daemon (PID 1 inside) is still serving.
    assert d.info("steady")["statename"] == "RUNNING"
    assert re.search(r"INFO supervisord started with pid 1$", d.main_log(), re.M)


def test_as_pid_1_many_reaped_orphans_make_no_info_lines(supervisord, impl):
    harness.deliberate_difference(impl, "runs ours as PID 1 in a new PID namespace")
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed for this test")
    d = supervisord.new("""
[program:parent]
command=sh -c "for i in $(seq 200); do sleep 0.01 & done; exit 0"
startsecs=0
autorestart=false
""", loglevel="info")
    d.start(prefix=["unshare", "--pid", "--fork", "--kill-child"])
    d.wait_for_state("parent", "EXITED")
    # Every orphan was reaped (a zombie would still be in the namespace), yet the log is quiet.
    harness.wait_until(lambda: _orphans_left(d) == 0, timeout=20, message="the 200 orphans reaped")
    assert "reaped unknown pid" not in d.main_log()


def test_reap_unknown_loglevel_sets_the_level(supervisord, impl):
    harness.deliberate_difference(impl, "reap_unknown_loglevel and --subreaper are ours")
    d = supervisord.new("""
[program:parent]
command=sh -c "sleep 0.1 & echo $! > {tmp}/orphan.pid; exit 0"
startsecs=0
autorestart=false
""", supervisord_extra="reap_unknown_loglevel=warn")
    d.start(args=["--subreaper"])
    orphan = int(d.wait_for_file("orphan.pid").strip())
    d.wait_for_log(r"WARN reaped unknown pid %d \(exit status 0\)" % orphan, timeout=10)


def _orphans_left(d):
    """Processes of the daemon's PID namespace other than the daemon itself."""
    daemon = d.proc.pid
    namespace = os.readlink("/proc/%d/ns/pid" % _namespace_init(daemon))
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != _namespace_init(daemon):
            try:
                if os.readlink("/proc/%s/ns/pid" % entry) == namespace:
                    count += 1
            except OSError:
                pass
    return count


def _namespace_init(unshare_pid):
    """The daemon: the child unshare forked into the new namespace."""
    with open("/proc/%d/task/%d/children" % (unshare_pid, unshare_pid)) as f:
        return int(f.read().split()[0])
