"""The main log lines users grep for, and the daemon's own start lines."""

import re

TS = r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} "


def test_lifecycle_lines(supervisord):
    d = supervisord.start("""
[program:good]
command=sleep 1000
startsecs=1

[program:bad]
command=sh -c "exit 1"
startsecs=3
startretries=0
""")
    pid = d.wait_for_state("good", "RUNNING", timeout=10)["pid"]
    d.wait_for_state("bad", "FATAL", timeout=10)
    d.wait_for_log(TS + r"INFO spawned: 'good' with pid %d$" % pid)
    d.wait_for_log(TS + r"INFO success: good entered RUNNING state, process has stayed up for "
                   r"> than 1 seconds \(startsecs\)$")
    d.wait_for_log(TS + r"INFO spawned: 'bad' with pid \d+$")
    d.wait_for_log(TS + r"WARN exited: bad \(exit status 1; not expected\)$")
    d.wait_for_log(TS + r"INFO gave up: bad entered FATAL state, too many start retries too "
                   r"quickly$")
    d.wait_for_exec("good", "sleep")
    d.rpc.supervisor.stopProcess("good")
    d.wait_for_log(TS + r"WARN stopped: good \(terminated by SIGTERM\)$")
    log = d.main_log()
    assert "success: bad" not in log


def test_daemon_start_lines(supervisord):
    d = supervisord.start("")
    d.wait_for_log(TS + r"INFO supervisord started with pid %d$" % d.proc.pid)
    d.wait_for_log(TS + r"INFO RPC interface 'supervisor' initialized$")
    d.wait_for_log(TS + r"CRIT Server 'unix_http_server' running without any HTTP "
                   r"authentication checking$")
    # -n also logs to stdout
    assert re.search(r"INFO supervisord started with pid %d$" % d.proc.pid,
                     d.daemon_output(), re.M)
    # pidfile written
    assert d.read("supervisord.pid").strip() == str(d.proc.pid)


def test_loglevel_info_hides_debug(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo hello; exec sleep 1000"
startsecs=0
""", loglevel="info")
    d.wait_for_state("x", "RUNNING")
    d.wait_for_file(d.info("x")["stdout_logfile"], lambda t: "hello" in t)
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_log(r"stopped: x")
    log = d.main_log()
    assert " DEBG " not in log and " BLAT " not in log, log


def test_loglevel_debug_logs_child_output(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo hello-debug; exec sleep 1000"
startsecs=0
""", loglevel="debug")
    d.wait_for_log(TS + r"DEBG 'x' stdout output:\nhello-debug\n")
