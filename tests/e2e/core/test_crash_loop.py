"""A crash loop spawns at most once a second; a child that ran longer is
respawned at once; a stop between the exits of a crash loop ends it."""

import datetime
import os
import signal

import harness

CRASHER = """
[program:crash]
command=/bin/false
startsecs=0
autorestart=true
startretries=100000000
"""


def spawn_times(d, name, count):
    """Wall times (from the main log's millisecond stamps) of the first
    ``count`` spawns of ``name``."""
    found = d.wait_for_log(r"^(\S+ \S+) INFO spawned: '%s' with pid" % name, count=count, timeout=count * 3.0)
    return [datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f") for m in found[:count]]


def test_a_crash_loop_spawns_at_most_once_a_second(supervisord):
    harness.deliberate_difference(supervisord.impl, "the reference's rate comes from its polling loop, not a rule")
    d = supervisord.start(CRASHER)
    times = spawn_times(d, "crash", 4)
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    # The timer fires a second after the previous spawn; the log stamps may trail
    # the spawns they report by a few milliseconds.
    assert all(gap >= 0.95 for gap in gaps), gaps


def test_a_stop_during_a_crash_loop_ends_it(supervisord):
    harness.deliberate_difference(supervisord.impl, "asked between an exit and its restart, the reference answers NOT_RUNNING and restarts it anyway")
    d = supervisord.start(CRASHER)
    spawn_times(d, "crash", 2)
    # Whatever the moment (RUNNING, or EXITED waiting for its second), the stop
    # succeeds and leaves it stopped for good.
    assert d.rpc.supervisor.stopProcess("crash") is True
    d.wait_for_state("crash", "STOPPED")
    spawned = d.main_log().count("spawned: 'crash'")
    d.wait_for_log(r"(exited|stopped): crash ", count=spawned)
    d.assert_stays("crash", "STOPPED", seconds=1.5)
    assert d.main_log().count("spawned: 'crash'") == spawned


def test_a_child_that_ran_over_a_second_is_respawned_at_once(supervisord):
    d = supervisord.start("""
[program:long]
command=sleep 1000
startsecs=0
autorestart=true
""")
    first = d.wait_for_state("long", "RUNNING")
    harness.wait_until(lambda: (lambda i: i["now"] - i["start"] >= 2)(d.info("long")), message="two seconds of uptime")
    os.kill(first["pid"], signal.SIGKILL)
    second = d.wait_for_new_pid("long", first["pid"])
    exited = d.wait_for_log(r"^(\S+ \S+) WARN exited: long \(terminated by SIGKILL")[0]
    respawned = spawn_times(d, "long", 2)[1]
    gap = (respawned - datetime.datetime.strptime(exited.group(1), "%Y-%m-%d %H:%M:%S,%f")).total_seconds()
    assert gap < 0.9, "respawned %.3f s after the exit: it waited for the crash-loop floor" % gap
    assert second["pid"] != first["pid"]
