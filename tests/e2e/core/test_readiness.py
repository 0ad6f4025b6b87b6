"""ready= (issue 14): STARTING becomes RUNNING when the check passes, not after startsecs;
not ready within ready_timeout is a failed start (BACKOFF, then FATAL after startretries).
Extensions: ours only (the reference ignores the keys)."""

import os
import re

import harness
from events.test_listener_protocol import listener_conf, recorded, wait_events

EXTENSION = "ready= is ours; the reference ignores the key"


def _assert_held_in_starting(d, name):
    """STARTING with its pid and an empty description, and staying so (most programs here
    say startsecs=0: without their check they would be RUNNING at once)."""
    info = d.assert_stays(name, "STARTING", seconds=0.5)
    assert info["description"] == "", info
    assert info["pid"] and harness.pid_alive(info["pid"]), info
    return info


def _assert_ready(d, name, check):
    info = d.wait_for_state(name, "RUNNING")
    # The log names the process, not the namespec (`x_1`, not `x:x_1`), as the reference does.
    d.wait_for_log(r"INFO success: %s entered RUNNING state, process is ready \(%s\)$"
                   % (re.escape(name.split(":")[-1]), re.escape(check)))
    assert "process has stayed up for" not in d.main_log()
    return info


def test_log_readiness_waits_for_the_line_and_keeps_the_output(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=sh -c "echo starting up; while [ ! -f {tmp}/go ]; do sleep 0.02; done; echo listening on 8080; exec sleep 1000"
ready=log:listening on
""")
    # The default startsecs (1) does not make it RUNNING: only the line does.
    harness.wait_until(lambda: (lambda i: i["statename"] != "STARTING" or i["now"] - i["start"] >= 3)(d.info("x")),
                       message="x up for over two seconds")
    starting = _assert_held_in_starting(d, "x")
    d.write_file("go", "")
    running = _assert_ready(d, "x", "log:listening on")
    assert running["pid"] == starting["pid"]
    harness.wait_until(lambda: d.tail_child_log("x") == "starting up\nlistening on 8080\n",
                       message="both lines in x's log")


def test_log_readiness_matches_a_regex_on_stderr(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=sh -c "while [ ! -f {tmp}/go ]; do sleep 0.02; done; echo 'server listening on port 80' >&2; exec sleep 1000"
startsecs=0
ready=log:listening on port [0-9]+$
""")
    _assert_held_in_starting(d, "x")
    d.write_file("go", "")
    _assert_ready(d, "x", "log:listening on port [0-9]+$")


def test_http_readiness_waits_for_the_server(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    port = harness.free_port()
    url = "http://127.0.0.1:%d/health" % port
    d = supervisord.start("""
[program:x]
command=%s
startsecs=0
ready=%s
ready_interval=0.1
""" % (harness.program_command("http_server.py", port, "--gate", "{tmp}/go"), url))
    _assert_held_in_starting(d, "x")
    d.write_file("go", "")
    _assert_ready(d, "x", url)


def test_http_readiness_wants_a_2xx_or_3xx_answer(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    port = harness.free_port()
    d = supervisord.new("""
[program:x]
command=%s
startsecs=0
ready=http://127.0.0.1:%d/health
ready_interval=0.1
""" % (harness.program_command("http_server.py", port, "--fail-when", "{tmp}/failing"), port))
    d.write_file("failing", "")  # the server answers 500 from its first request
    d.start()
    _assert_held_in_starting(d, "x")
    os.unlink(os.path.join(d.tmp, "failing"))
    d.wait_for_state("x", "RUNNING")


def test_tcp_readiness_waits_for_the_port(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    port = harness.free_port()
    d = supervisord.start("""
[program:x]
command=%s
startsecs=0
ready=tcp:127.0.0.1:%d
ready_interval=0.1
""" % (harness.program_command("tcp_server.py", port, "--gate", "{tmp}/go"), port))
    _assert_held_in_starting(d, "x")
    d.write_file("go", "")
    _assert_ready(d, "x", "tcp:127.0.0.1:%d" % port)


def test_exec_readiness_waits_for_the_command_to_succeed(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
ready=exec:test -f {tmp}/ready-file
ready_interval=0.1
""")
    _assert_held_in_starting(d, "x")
    d.write_file("ready-file", "")
    _assert_ready(d, "x", "exec:test -f %s/ready-file" % d.tmp)


def test_exec_readiness_runs_in_the_programs_directory_and_environment(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.new("""
[program:x]
command=sleep 1000
startsecs=0
directory={tmp}/workdir
environment=READY_FILE="flag"
ready=exec:sh -c 'test -f "$READY_FILE"'
ready_interval=0.1
""")
    os.mkdir(os.path.join(d.tmp, "workdir"))
    d.start()
    _assert_held_in_starting(d, "x")
    d.write_file("flag", "")  # in the daemon's directory: not where the check looks
    d.assert_stays("x", "STARTING", seconds=0.5)
    d.write_file("workdir/flag", "")
    d.wait_for_state("x", "RUNNING")


def test_each_process_of_a_pool_checks_its_own_expansion(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=sleep 1000
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=0
ready=exec:test -f {tmp}/%(program_name)s-%(process_num)d.ready
ready_interval=0.1
""")
    d.write_file("x-1.ready", "")
    _assert_ready(d, "x:x_1", "exec:test -f %s/x-1.ready" % d.tmp)
    _assert_held_in_starting(d, "x:x_0")
    d.write_file("x-0.ready", "")
    d.wait_for_state("x:x_0", "RUNNING")


def test_probe_commands_are_reaped_and_their_output_logged_at_debug(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=sleep 1000
ready=exec:sh -c 'echo probe says $$ >> {tmp}/attempts; echo probe says hello; test -f {tmp}/go'
ready_interval=0.05
""")
    harness.wait_until(lambda: os.path.exists(os.path.join(d.tmp, "attempts"))
                       and d.read("attempts").count("probe says") >= 10, message="ten readiness attempts")
    d.write_file("go", "")
    d.wait_for_state("x", "RUNNING")
    d.wait_for_log(r"DEBG .*probe says hello")
    assert "reaped unknown pid" not in d.main_log()
    # No probe is left behind: the daemon, x and nothing else carry the test's marker.
    assert sorted(harness.marked_pids(d.marker)) == sorted([d.proc.pid, d.info("x")["pid"]])


def test_ready_timeout_is_a_failed_start(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    port = harness.free_port()
    d = supervisord.start(listener_conf("PROCESS_STATE") + """
[program:db]
command=sleep 1000
ready=tcp:%d
ready_timeout=1
ready_interval=0.1
startretries=1
""" % port)
    fatal = d.wait_for_state("db", "FATAL", timeout=20)
    reason = "not ready within 1 seconds (ready_timeout)"
    assert fatal["description"] == reason, fatal
    log = d.main_log()
    warnings = re.findall(r"WARN not ready: 'db' within 1 seconds \(ready_timeout\); stopping it$", log, re.M)
    assert len(warnings) == 2, log
    assert re.search(r"DEBG killing db \(pid \d+\) with signal SIGTERM$", log, re.M), log
    d.wait_for_log(r"INFO gave up: db entered FATAL state, too many start retries too quickly$")
    events = wait_events(d, lambda ev: any(e["headers"]["eventname"] == "PROCESS_STATE_FATAL" for e in ev))
    assert [e["headers"]["eventname"] for e in events if "processname:db " in e["payload"]] == [
        "PROCESS_STATE_STARTING", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_STARTING",
        "PROCESS_STATE_BACKOFF", "PROCESS_STATE_FATAL"], recorded(d)


def test_an_exit_before_ready_is_a_failed_start_whatever_startsecs_says(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=sh -c "exit 0"
startsecs=0
startretries=0
ready=exec:false
ready_interval=0.1
""")
    d.wait_for_state("x", "FATAL")
    assert "success: x entered RUNNING state" not in d.main_log()
    d.wait_for_log(r"INFO gave up: x entered FATAL state, too many start retries too quickly$")
