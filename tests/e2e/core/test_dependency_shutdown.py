"""Stopping everything (shutdown, `stop all`, a SIGHUP restart) stops dependents before
what they depend on (issue 14), then by priority. db has the higher priority number, so by
priority alone a shutdown would stop it first: the control test shows that on both daemons.
(`stop all` on the reference sends every stop signal at once.)"""

import signal

import pytest

import harness
from ctl import ctlrun

PROGRAMS = """
[program:db]
command=sleep 1000
startsecs=0
priority=999

[program:web]
command=sleep 1000
startsecs=0
priority=1
%s
"""


def _stop_everything(d, how):
    if how == "SIGTERM":
        d.signal(signal.SIGTERM)
        d.wait_exit(timeout=30)
    elif how == "stop all":
        status, out, err = ctlrun.run(d.impl, ["stop", "all"], conf=d.conf_path, cwd=d.tmp, tmpdirs=[d.tmp])
        assert status == 0 and sorted(out.splitlines()) == ["db: stopped", "web: stopped"], (status, out, err)
    else:
        d.signal(signal.SIGHUP)
        d.wait_for_log(r"stopped: db \(terminated by SIGTERM\)")
        d.wait_for_log(r"stopped: web \(terminated by SIGTERM\)")


def _stop_lines(d):
    log = d.main_log()
    return {name: (log.index("killing %s (pid" % name), log.index("stopped: %s (terminated by SIGTERM)" % name))
            for name in ("db", "web")}


@pytest.mark.parametrize("how", ["SIGTERM", "stop all", "SIGHUP"])
def test_dependents_are_stopped_before_their_dependencies(supervisord, impl, how):
    harness.deliberate_difference(impl, "depends_on= is ours; the reference ignores the key")
    d = supervisord.start(PROGRAMS % "depends_on=db")
    d.wait_for_exec("web", "sleep")
    d.wait_for_exec("db", "sleep")
    _stop_everything(d, how)
    lines = _stop_lines(d)
    assert lines["web"][1] < lines["db"][0], d.main_log()


def test_without_depends_on_shutdown_stops_the_higher_priority_number_first(supervisord):
    d = supervisord.start(PROGRAMS % "")
    # The reference loses a SIGTERM that reaches a child between fork and exec,
    # and startsecs=0 makes it RUNNING before the exec.
    d.wait_for_exec("web", "sleep")
    d.wait_for_exec("db", "sleep")
    _stop_everything(d, "SIGTERM")
    lines = _stop_lines(d)
    assert lines["db"][1] < lines["web"][0], d.main_log()
