"""depends_on= (issue 14): a process is spawned only once its dependencies meet their
condition (`running`, which with ready= means ready, or `completed`); meanwhile it is
STARTING with no pid and says what it waits for; a failed dependency makes it FATAL;
`start x` starts what x needs first. Extensions: ours only (the reference ignores the keys)."""

import datetime
import re
import xmlrpc.client

import pytest

import harness
from ctl import ctlrun

EXTENSION = "depends_on= is ours; the reference ignores the key"


def _stamp(match):
    return datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f")


def test_web_is_spawned_once_db_is_ready(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    port = harness.free_port()
    d = supervisord.start("""
[program:db]
command=%s
ready=tcp:%d
ready_interval=0.1

[program:web]
command=sleep 1000
startsecs=0
depends_on=db
""" % (harness.program_command("tcp_server.py", port, "--after", 2, "--gate", "{tmp}/db.go"), port))
    d.wait_for_log(r"INFO waiting: 'web' for db$")
    web = d.info("web")
    assert (web["statename"], web["pid"], web["description"]) == ("STARTING", 0, "waiting for db"), web
    assert d.info("db")["statename"] == "STARTING"
    status, out, err = ctlrun.run("ours", ["status"], conf=d.conf_path, cwd=d.tmp, tmpdirs=[d.tmp])
    assert re.search(r"^web +STARTING +waiting for db$", out, re.M), (status, out, err)
    assert "spawned: 'web'" not in d.main_log()
    # db listens 2 s after it started, and not before the test has seen web waiting.
    d.write_file("db.go", "")
    d.wait_for_state("web", "RUNNING", timeout=15)
    db_spawned = _stamp(d.wait_for_log(r"^(\S+ \S+) INFO spawned: 'db' with pid \d+$")[0])
    db_ready = d.wait_for_log(r"^(\S+ \S+) INFO success: db entered RUNNING state, process is ready "
                              r"\(tcp:127\.0\.0\.1:%d\)$" % port)[0]
    web_spawned = d.wait_for_log(r"^(\S+ \S+) INFO spawned: 'web' with pid \d+$")[0]
    assert db_ready.start() < web_spawned.start(), d.main_log()
    assert _stamp(db_ready) <= _stamp(web_spawned)
    # The log's stamps may trail the events they report by a few milliseconds.
    assert (_stamp(web_spawned) - db_spawned).total_seconds() >= 1.95, d.main_log()
    assert d.main_log().count("spawned: 'web'") == 1


COMPLETED = """
[program:migrate]
command=sh -c "while [ ! -f {tmp}/migrate.go ]; do sleep 0.02; done; exit %(status)d"
startsecs=%(startsecs)d
startretries=1
autorestart=false
autostart=%(autostart)s

[program:app]
command=sleep 1000
startsecs=0
autostart=%(autostart)s
depends_on=migrate:completed
"""


def test_app_starts_once_migrate_has_completed(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(COMPLETED % {"status": 0, "startsecs": 0, "autostart": "true"})
    # RUNNING is not enough for `completed`: app still waits while migrate runs.
    d.wait_for_state("migrate", "RUNNING")
    d.wait_for_log(r"INFO waiting: 'app' for migrate$")
    app = d.info("app")
    assert (app["statename"], app["pid"], app["description"]) == ("STARTING", 0, "waiting for migrate"), app
    d.write_file("migrate.go", "")
    d.wait_for_state("app", "RUNNING")
    assert d.info("migrate")["statename"] == "EXITED"
    log = d.main_log()
    assert log.index("exited: migrate (exit status 0; expected)") < log.index("spawned: 'app'"), log


@pytest.mark.parametrize("startsecs, outcome", [(1, "FATAL"), (0, "EXITED")])
def test_app_goes_fatal_when_migrate_fails(supervisord, impl, startsecs, outcome):
    """migrate exits 1: with startsecs=1 that is a failed start, retried until FATAL; with
    startsecs=0 it is an unexpected exit (EXITED). Either way app will never run."""
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.new(COMPLETED % {"status": 1, "startsecs": startsecs, "autostart": "true"})
    d.write_file("migrate.go", "")  # before the start: each attempt exits at once, well within startsecs=1
    d.start()
    app = d.wait_for_state("app", "FATAL", timeout=15)
    failed = "dependency 'migrate' failed (%s)" % outcome
    assert app["description"] == failed, app
    assert app["spawnerr"] == failed, app
    assert d.info("migrate")["statename"] == outcome
    d.wait_for_log(r"INFO gave up: app entered FATAL state, %s$" % re.escape(failed))
    assert "spawned: 'app'" not in d.main_log()


def _assert_migrate_then_app(d):
    log = d.main_log()
    order = [log.index("spawned: 'migrate'"), log.index("exited: migrate (exit status 0; expected)"),
             log.index("spawned: 'app'"), log.index("success: app entered RUNNING state")]
    assert order == sorted(order), log


def test_start_app_over_xmlrpc_starts_migrate_first_and_returns_once_app_runs(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(COMPLETED % {"status": 0, "startsecs": 0, "autostart": "false"})
    d.write_file("migrate.go", "")
    assert d.rpc.supervisor.startProcess("app", True) is True
    assert d.info("app")["statename"] == "RUNNING"
    assert d.info("migrate")["statename"] == "EXITED"
    _assert_migrate_then_app(d)


def test_start_app_with_supervisorctl_starts_migrate_first(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(COMPLETED % {"status": 0, "startsecs": 0, "autostart": "false"})
    assert [d.info(name)["statename"] for name in ("migrate", "app")] == ["STOPPED", "STOPPED"]
    d.write_file("migrate.go", "")
    status, out, err = ctlrun.run("ours", ["start", "app"], conf=d.conf_path, cwd=d.tmp, tmpdirs=[d.tmp])
    assert (status, out, err) == (0, "app: started\n", ""), (status, out, err)
    assert d.info("app")["statename"] == "RUNNING"
    _assert_migrate_then_app(d)


def test_start_app_faults_when_migrate_fails(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start(COMPLETED % {"status": 1, "startsecs": 1, "autostart": "false"})
    d.write_file("migrate.go", "")  # each attempt exits at once, well within startsecs=1
    with pytest.raises(xmlrpc.client.Fault) as fault:
        d.rpc.supervisor.startProcess("app", True)
    assert (fault.value.faultCode, fault.value.faultString) == (50, "SPAWN_ERROR: app")  # SPAWN_ERROR
    app = d.info("app")
    assert (app["statename"], app["description"]) == ("FATAL", "dependency 'migrate' failed (FATAL)"), app


def test_stopping_a_dependency_stops_it_alone(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:db]
command=sleep 1000
startsecs=0

[program:web]
command=sleep 1000
startsecs=0
depends_on=db
""")
    web = d.wait_for_state("web", "RUNNING")
    assert d.rpc.supervisor.stopProcess("db") is True
    assert d.info("db")["statename"] == "STOPPED"
    after = d.assert_stays("web", "RUNNING", seconds=1)
    assert after["pid"] == web["pid"]


def test_every_process_of_a_pool_must_meet_the_condition(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:db]
command=sh -c "while [ ! -f {tmp}/db%(process_num)d.go ]; do sleep 0.02; done; exec sleep 1000"
process_name=db_%(process_num)d
numprocs=2
ready=exec:test -f {tmp}/db%(process_num)d.go
ready_interval=0.1

[program:web]
command=sleep 1000
startsecs=0
depends_on=db
""")
    d.wait_for_log(r"INFO waiting: 'web' for db$")
    d.write_file("db0.go", "")
    d.wait_for_state("db:db_0", "RUNNING")
    assert d.info("db:db_1")["statename"] == "STARTING"
    assert d.info("web")["description"] == "waiting for db"
    d.write_file("db1.go", "")
    d.wait_for_state("web", "RUNNING")


def test_a_process_waiting_for_two_dependencies_names_both(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:db]
command=sleep 1000
ready=exec:test -f {tmp}/db.go
ready_interval=0.1

[program:cache]
command=sleep 1000
ready=exec:test -f {tmp}/cache.go
ready_interval=0.1

[program:web]
command=sleep 1000
startsecs=0
depends_on=db, cache
""")
    d.wait_for_log(r"INFO waiting: 'web' for db, cache$")
    assert d.info("web")["description"] == "waiting for db, cache"
    d.write_file("db.go", "")
    d.wait_for_state("db", "RUNNING")
    harness.wait_until(lambda: d.info("web")["description"] == "waiting for cache", message="web waiting for cache")
    d.write_file("cache.go", "")
    d.wait_for_state("web", "RUNNING")
