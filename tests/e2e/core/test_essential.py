"""Container mode: when an `essential` program ends for good (an exit that is not
restarted, or FATAL), the daemon stops the others and exits with its status."""

import re
import shutil
import signal

import pytest

import harness

PROGRAMS = """
[program:main]
command=sh -c "trap 'exit 3' TERM; sleep 1000 & wait"
startsecs=0
autorestart=false
essential=true

[program:other]
command=sleep 1000
startsecs=0
"""


def _ends_with_main(d):
    d.wait_for_state("main", "RUNNING")
    d.wait_for_state("other", "RUNNING")
    assert d.rpc.supervisor.signalProcess("main", "TERM") is True
    assert d.wait_exit(timeout=30) == 3
    log = d.main_log()
    exited = log.index("exited: main (exit status 3; not expected)")
    ended = log.index("WARN essential process 'main' ended (EXITED); stopping everything, exit status 3")
    stopped = log.index("stopped: other (terminated by SIGTERM)")
    assert exited < ended < stopped, log


def test_an_essential_exit_ends_the_daemon_with_its_status(supervisord, impl):
    harness.deliberate_difference(impl, "essential= is ours; the reference ignores the key")
    _ends_with_main(supervisord.start(PROGRAMS))


def test_an_essential_program_going_fatal_ends_the_daemon_with_status_1(supervisord, impl):
    harness.deliberate_difference(impl, "essential= is ours; the reference ignores the key")
    d = supervisord.start("""
[program:main]
command=/nonexistent/program
startretries=0
essential=true

[program:other]
command=sleep 1000
startsecs=0
""", wait=False)
    assert d.wait_exit(timeout=30) == 1
    assert re.search(r"WARN essential process 'main' ended \(FATAL\); stopping everything, exit status 1$",
                     d.main_log(), re.M), d.main_log()


def test_a_restarted_or_stopped_essential_program_does_not_end_the_daemon(supervisord, impl):
    harness.deliberate_difference(impl, "essential= is ours; the reference ignores the key")
    d = supervisord.start(PROGRAMS.replace("autorestart=false", "autorestart=true"))
    first = d.wait_for_state("main", "RUNNING")
    harness.wait_until(lambda: (lambda i: i["now"] - i["start"] >= 2)(d.info("main")), message="main up for two seconds")
    d.rpc.supervisor.signalProcess("main", "TERM")
    d.wait_for_new_pid("main", first["pid"])
    d.rpc.supervisor.stopProcess("main")
    assert d.info("other")["statename"] == "RUNNING"
    assert d.proc.poll() is None
    assert "essential process" not in d.main_log()


def test_as_pid_1_the_container_ends_with_its_essential_program(supervisord, impl):
    harness.deliberate_difference(impl, "runs ours as PID 1 in a new PID namespace")
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed for this test")
    d = supervisord.new(PROGRAMS)
    d.start(prefix=["unshare", "--pid", "--fork", "--kill-child"])
    assert re.search(r"INFO supervisord started with pid 1$", d.main_log(), re.M)
    _ends_with_main(d)
