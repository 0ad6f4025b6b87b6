"""Restart policy: autorestart, exitcodes, kill -9 of a running child."""

import os
import signal

import harness


def test_kill9_running_child_is_respawned(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
autorestart=true

[program:y]
command=sleep 1000
startsecs=0
""")
    for name in ("x", "y"):  # explicit autorestart=true, and the default (unexpected)
        first = d.wait_for_state(name, "RUNNING")
        os.kill(first["pid"], signal.SIGKILL)
        second = d.wait_for_new_pid(name, first["pid"])
        assert second["pid"] != first["pid"]
        assert second["statename"] == "RUNNING"
    d.wait_for_log(r"exited: x \(terminated by SIGKILL; not expected\)")
    d.wait_for_log(r"exited: y \(terminated by SIGKILL; not expected\)")


def test_exit0_with_autorestart_unexpected_stays_exited(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "exec sleep 0.3"
startsecs=0
autorestart=unexpected
""")
    info = d.wait_for_state("x", "EXITED")
    assert info["exitstatus"] == 0
    assert info["spawnerr"] == ""
    d.wait_for_log(r"exited: x \(exit status 0; expected\)")
    # It must not come back: still EXITED after a while, exactly one spawn.
    d.assert_stays("x", "EXITED")
    log = d.main_log()
    assert len([l for l in log.splitlines() if "spawned: 'x'" in l]) == 1


def test_exit1_with_autorestart_unexpected_is_restarted(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "sleep 0.2; exit 1"
startsecs=0
autorestart=unexpected
""")
    d.wait_for_log(r"exited: x \(exit status 1; not expected\)")
    d.wait_for_log(r"spawned: 'x' with pid \d+", count=2)


def test_exitcodes_makes_100_expected(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "sleep 0.2; exit 100"
startsecs=0
autorestart=unexpected
exitcodes=0,100
""")
    info = d.wait_for_state("x", "EXITED")
    assert info["exitstatus"] == 100
    d.wait_for_log(r"exited: x \(exit status 100; expected\)")
    d.assert_stays("x", "EXITED")
    assert len(d.wait_for_log(r"spawned: 'x'")) == 1


def test_autorestart_false_stays_exited_after_failure(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "sleep 0.2; exit 3"
startsecs=0
autorestart=false
""")
    info = d.wait_for_state("x", "EXITED")
    assert info["exitstatus"] == 3
    assert info["spawnerr"] == "Bad exit code 3"
    assert harness.normalize(info["description"]) == "DATE", info
    d.wait_for_log(r"exited: x \(exit status 3; not expected\)")
    d.assert_stays("x", "EXITED")
    assert len(d.wait_for_log(r"spawned: 'x'")) == 1
