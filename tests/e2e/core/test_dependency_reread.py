"""reread/update (issue 14): a change of depends_on, ready, healthcheck, watchdog_sec or their
settings makes the program changed. The reference ignores these keys, so for it nothing changed."""

import pytest

import harness
from ctl import ctlrun

PROGRAMS = """
[program:db]
command=sleep 1000
startsecs=0

[program:x]
command=sleep 1000
startsecs=0
depends_on=db
ready=exec:true
ready_timeout=10
ready_interval=0.5
healthcheck=exec:true
healthcheck_interval=5
healthcheck_timeout=2
healthcheck_retries=3
healthcheck_action=none
"""

CHANGES = [
    ("depends_on=db", "depends_on=db:completed"),
    ("ready=exec:true", "ready=exec:test -d /"),
    ("ready_timeout=10", "ready_timeout=20"),
    ("ready_interval=0.5", "ready_interval=0.25"),
    ("healthcheck=exec:true", "healthcheck=exec:test -d /"),
    ("healthcheck_interval=5", "healthcheck_interval=6"),
    ("healthcheck_timeout=2", "healthcheck_timeout=3"),
    ("healthcheck_retries=3", "healthcheck_retries=4"),
    ("healthcheck_action=none", "healthcheck_action=stop"),
    ("healthcheck_action=none", "healthcheck_action=none\nwatchdog_sec=100"),
]


def _reread(d):
    return ctlrun.run(d.impl, ["reread"], conf=d.conf_path, cwd=d.tmp, tmpdirs=[d.tmp])


@pytest.mark.parametrize("change", CHANGES, ids=[new.split("\n")[-1] for _, new in CHANGES])
def test_a_changed_key_makes_the_program_changed(supervisord, impl, change):
    harness.deliberate_difference(impl, "the reference ignores these keys: nothing changed for it")
    d = supervisord.start(PROGRAMS)
    d.wait_for_state("x", "RUNNING")
    d.write_conf(PROGRAMS)
    assert _reread(d) == (0, "No config updates to processes\n", "")
    old, new = change
    d.write_conf(PROGRAMS.replace(old, new))
    assert _reread(d) == (0, "x: changed\n", "")
    assert d.rpc.supervisor.reloadConfig() == [[[], ["x"], []]]
