"""Restart policies and limits (extensions): restart_delay growing to restart_delay_max,
startretries=infinite, memory_limit on the process tree. Ours only: the reference ignores
the keys."""

import datetime
import os
import re

import harness

STAMP = r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) "


def _times(log, pattern):
    return [datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f")
            for m in re.finditer(STAMP + pattern, log, re.M)]


def _delays(log, name):
    """Seconds from each exit of `name` to its next spawn, in order."""
    exits = _times(log, r"WARN exited: %s \(" % name)
    spawns = _times(log, r"INFO spawned: '%s' with pid" % name)[1:]
    return [(spawn - exit).total_seconds() for exit, spawn in zip(exits, spawns)]


def test_restart_delays_double_up_to_the_cap_and_start_over_after_a_long_run(supervisord, impl):
    harness.deliberate_difference(impl, "restart_delay is ours; the reference ignores the key")
    d = supervisord.start("""
[program:flaky]
command=sh -c 'if [ -f {tmp}/long ]; then rm {tmp}/long; sleep 5.5; else sleep 1.1; fi; exit 1'
startsecs=1
autorestart=true
restart_delay=0.5
restart_delay_max=4
""", wait=False)
    d.wait_for_log(r"INFO spawned: 'flaky' with pid", count=6, timeout=40)
    delays = _delays(d.main_log(), "flaky")[:5]
    for got, want in zip(delays, [0.5, 1, 2, 4, 4]):
        # The log's millisecond stamps; the spawn itself takes a few of them.
        assert want - 0.01 <= got <= want + 0.2, (delays, d.main_log())
    # RUNNING longer than restart_delay_max (5.5 s less startsecs): the next delay is
    # restart_delay again.
    with open(os.path.join(d.tmp, "long"), "w"):
        pass
    spawned = len(_times(d.main_log(), r"INFO spawned: 'flaky'"))
    d.wait_for_log(r"INFO spawned: 'flaky' with pid", count=spawned + 2, timeout=40)
    log = d.main_log()
    assert not os.path.exists(os.path.join(d.tmp, "long")), log
    # The run after the long one waited 0.5 s, not 4.
    runs = _delays(log, "flaky")
    assert 0.49 <= runs[spawned] <= 0.7, (runs, log)


def test_without_the_keys_an_exit_after_startsecs_restarts_at_once(supervisord, impl):
    harness.deliberate_difference(impl, "the reference restarts on the next pass of its one-second loop "
                                        "(docs/compatibility.md, timing)")
    d = supervisord.start("""
[program:flaky]
command=sh -c 'sleep 1.1; exit 1'
startsecs=1
autorestart=true
""", wait=False)
    d.wait_for_log(r"INFO spawned: 'flaky' with pid", count=3, timeout=20)
    for got in _delays(d.main_log(), "flaky")[:2]:
        assert got < 0.2, d.main_log()


def test_infinite_start_retries_never_give_up(supervisord, impl):
    harness.deliberate_difference(impl, "startretries=infinite is ours; the reference refuses the value")
    d = supervisord.start("""
[program:missing]
command=/nonexistent/program
startretries=infinite
restart_delay=0.01
""", wait=False)
    d.wait_for_log(r"INFO spawnerr: can't find command '/nonexistent/program'", count=105, timeout=30)
    assert d.info("missing")["statename"] in ("BACKOFF", "STARTING")
    assert "gave up: missing" not in d.main_log()


# 80 MB written, so resident (no quotes inside: it also runs under sh -c '...').
HOG = 'python3 -c "import time; data = chr(120).encode() * (80 * 1024 * 1024); time.sleep(1000)"'
LIMITED = """
[program:%s]
command=%s
startsecs=0
memory_limit=50MB
memory_check_interval=%s
"""


def _restarted_for_memory(d, name):
    first = d.wait_for_state(name, "RUNNING")["pid"]
    d.wait_for_log(r"WARN memory limit: '%s' uses \d+\.\d MB \(limit 50\.0 MB\); restarting$" % name)
    harness.wait_until(lambda: d.info(name)["statename"] == "RUNNING" and d.info(name)["pid"] != first,
                       timeout=20, message="%s restarted" % name)
    log = d.main_log()
    assert log.index("memory limit: '%s'" % name) < log.index("stopped: %s" % name), log


def test_a_process_over_its_memory_limit_is_restarted_and_one_under_it_is_not(supervisord, impl):
    harness.deliberate_difference(impl, "memory_limit is ours; the reference ignores the key")
    d = supervisord.start(LIMITED % ("hog", HOG, 0.2) + LIMITED % ("small", "sleep 1000", 0.1), wait=False)
    small = d.wait_for_state("small", "RUNNING")["pid"]
    _restarted_for_memory(d, "hog")
    # Sampled every 0.1 s all along, under its limit: untouched.
    assert d.info("small")["pid"] == small
    assert "memory limit: 'small'" not in d.main_log()


def test_a_process_whose_child_grows_is_restarted(supervisord, impl):
    harness.deliberate_difference(impl, "memory_limit is ours; the reference ignores the key")
    d = supervisord.start(LIMITED % ("parent", "sh -c '%s & wait'" % HOG, 0.2), wait=False)
    _restarted_for_memory(d, "parent")


def test_memory_limit_action_stop_leaves_it_stopped(supervisord, impl):
    harness.deliberate_difference(impl, "memory_limit is ours; the reference ignores the key")
    d = supervisord.start(LIMITED % ("hog", HOG, 0.2) + "memory_limit_action=stop\n", wait=False)
    d.wait_for_log(r"WARN memory limit: 'hog' uses \d+\.\d MB \(limit 50\.0 MB\); stopping$")
    d.wait_for_state("hog", "STOPPED")
