"""Config errors of the issue 14 keys (depends_on, ready, healthcheck, watchdog_sec): exit 2
with one error line naming the place `(at FILE:LINE)` as other config errors do, starting
nothing. The reference ignores these keys: a config using them loads there too."""

import os
import re
import signal
import subprocess

import pytest

import harness
from core.test_bad_config import assert_nothing_started

EXTENSION = "the reference ignores these keys, whatever their values"

# (id, programs, the offending line, the text the error must contain)
CASES = [
    ("unknown_dependency", "[program:web]\ncommand=sleep 1000\ndepends_on=db, nosuch\n",
     "depends_on=db, nosuch", "nosuch"),
    ("unknown_condition", "[program:web]\ncommand=sleep 1000\ndepends_on=db:healthy\n",
     "depends_on=db:healthy", "healthy"),
    ("itself", "[program:web]\ncommand=sleep 1000\ndepends_on=web\n", "depends_on=web", "web"),
    ("bad_ready", "[program:web]\ncommand=sleep 1000\nready=bogus:1\n", "ready=bogus:1", "bogus:1"),
    ("https_ready", "[program:web]\ncommand=sleep 1000\nready=https://127.0.0.1/health\n",
     "ready=https://127.0.0.1/health", "https://127.0.0.1/health"),
    ("bad_tcp_port", "[program:web]\ncommand=sleep 1000\nready=tcp:notaport\n", "ready=tcp:notaport", "tcp:notaport"),
    ("log_healthcheck", "[program:web]\ncommand=sleep 1000\nhealthcheck=log:ok\n", "healthcheck=log:ok", "log:ok"),
    ("notify_healthcheck", "[program:web]\ncommand=sleep 1000\nhealthcheck=notify\n", "healthcheck=notify", "notify"),
    ("zero_ready_timeout", "[program:web]\ncommand=sleep 1000\nready=tcp:80\nready_timeout=0\n",
     "ready_timeout=0", ("ready_timeout", "'0'")),
    ("negative_ready_interval", "[program:web]\ncommand=sleep 1000\nready=tcp:80\nready_interval=-1\n",
     "ready_interval=-1", ("ready_interval", "'-1'")),
    ("zero_healthcheck_interval", "[program:web]\ncommand=sleep 1000\nhealthcheck=tcp:80\nhealthcheck_interval=0\n",
     "healthcheck_interval=0", ("healthcheck_interval", "'0'")),
    ("bad_healthcheck_timeout", "[program:web]\ncommand=sleep 1000\nhealthcheck=tcp:80\nhealthcheck_timeout=soon\n",
     "healthcheck_timeout=soon", ("healthcheck_timeout", "'soon'")),
    ("zero_healthcheck_retries", "[program:web]\ncommand=sleep 1000\nhealthcheck=tcp:80\nhealthcheck_retries=0\n",
     "healthcheck_retries=0", ("healthcheck_retries", "'0'")),
    ("bad_healthcheck_action", "[program:web]\ncommand=sleep 1000\nhealthcheck=tcp:80\nhealthcheck_action=explode\n",
     "healthcheck_action=explode", "explode"),
    ("zero_watchdog_sec", "[program:web]\ncommand=sleep 1000\nwatchdog_sec=0\n",
     "watchdog_sec=0", ("watchdog_sec", "'0'")),
]

DB = "[program:db]\ncommand=sleep 1000\n\n"


def _line_of(d, text):
    return d.read("supervisord.conf").splitlines().index(text) + 1


def _error_line(d, err):
    """The error line of a config error (the line after it is the help hint)."""
    lines = err.splitlines()
    assert len(lines) == 2 and re.fullmatch(r"For help, use \S*supervisord -h", lines[1]), lines
    assert lines[0].startswith("Error: "), lines
    assert lines[0].count(d.conf_path) == 1, lines
    return lines[0]


def _run_without_n(d):
    """``supervisord -c FILE``: a config error must end it before it forks into the background.
    Returns (returncode, stdout, stderr); a daemon that did go to the background is killed."""
    try:
        result = subprocess.run([harness.binary(d.impl, "supervisord"), "-c", d.conf_path], cwd=d.tmp,
                                env=d.env(), capture_output=True, text=True, timeout=15, stdin=subprocess.DEVNULL)
    finally:
        for pid in harness.marked_pids(d.marker):
            os.kill(pid, signal.SIGKILL)
    return result.returncode, result.stdout, result.stderr


def _place(d, line):
    return "(at %s:%d)" % (d.conf_path, _line_of(d, line))


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_bad_value_is_a_config_error_with_its_place(supervisord, impl, case):
    harness.deliberate_difference(impl, EXTENSION)
    _, programs, line, mention = case
    d = supervisord.new(DB + programs)
    rc, out, err = d.run_expecting_exit()
    assert rc == 2, (rc, out, err)
    error = _error_line(d, err)
    assert error.endswith(_place(d, line)), error
    mentions = mention if isinstance(mention, tuple) else (mention,)
    assert any(m in error for m in mentions), error
    assert_nothing_started(d)


CYCLES = [
    ("two", "[program:a]\ncommand=sleep 1000\ndepends_on=b\n\n[program:b]\ncommand=sleep 1000\ndepends_on=a\n",
     ["a", "b"]),
    ("three", "[program:a]\ncommand=sleep 1000\ndepends_on=b\n\n[program:b]\ncommand=sleep 1000\ndepends_on=c\n\n"
              "[program:c]\ncommand=sleep 1000\ndepends_on=db, a:completed\n", ["a", "b", "c"]),
]


def _rotations(names):
    return [" -> ".join(names[i:] + names[:i] + [names[i]]) for i in range(len(names))]


@pytest.mark.parametrize("case", CYCLES, ids=[c[0] for c in CYCLES])
@pytest.mark.parametrize("foreground", [True, False], ids=["-n", "daemon"])
def test_a_cycle_is_named_with_its_place(supervisord, impl, case, foreground):
    harness.deliberate_difference(impl, EXTENSION)
    _, programs, names = case
    d = supervisord.new(DB + programs)
    rc, out, err = d.run_expecting_exit() if foreground else _run_without_n(d)
    assert rc == 2, (rc, out, err)
    error = _error_line(d, err)
    assert any(cycle in error for cycle in _rotations(names)), error
    conf = d.read("supervisord.conf").splitlines()
    places = ["(at %s:%d)" % (d.conf_path, n + 1) for n, text in enumerate(conf) if text.startswith("depends_on=")]
    assert any(error.endswith(place) for place in places), error
    assert_nothing_started(d)


def test_an_unknown_dependency_stops_the_daemon_before_it_forks(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.new(DB + CASES[0][1])
    rc, out, err = _run_without_n(d)
    assert rc == 2, (rc, out, err)
    assert _error_line(d, err).endswith(_place(d, "depends_on=db, nosuch"))
    assert_nothing_started(d)


def test_check_reports_a_cycle(supervisord, impl):
    harness.deliberate_difference(impl, "--check is ours")
    d = supervisord.new(DB + CYCLES[0][1])
    result = subprocess.run([harness.binary(impl, "supervisord"), "--check", "-c", d.conf_path],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2, result
    assert any(cycle in result.stderr.splitlines()[0] for cycle in _rotations(["a", "b"])), result.stderr


def test_a_config_using_the_new_keys_loads_on_both(supervisord):
    """On the reference the keys are ignored; on ours they hold and pass."""
    d = supervisord.start("""
[program:db]
command=sleep 1000
startsecs=0
ready=exec:true
ready_timeout=10
ready_interval=0.1
healthcheck=exec:true
healthcheck_interval=0.5
healthcheck_timeout=1
healthcheck_retries=2
healthcheck_action=none
watchdog_sec=1000

[program:migrate]
command=true
startsecs=0
autorestart=false

[program:web]
command=sleep 1000
startsecs=0
depends_on=db, migrate:completed
""")
    d.wait_for_state("db", "RUNNING")
    d.wait_for_state("migrate", "EXITED")
    d.wait_for_state("web", "RUNNING")
