"""The main log lines users grep for, and the daemon's own start lines."""

import os
import re

import harness

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


def test_main_log_rotation(supervisord):
    # Debug-level child output fills the 2 KB main log quickly.
    d = supervisord.start(r"""
[program:x]
command=sh -c "i=0; while [ $i -lt 60 ]; do printf 'line-%%04d %%080d\n' $i 0; i=$((i+1)); sleep 0.01; done; echo done-writing; exec sleep 1000"
startsecs=0
stdout_logfile=NONE
""", supervisord_extra="logfile_maxbytes=2KB\nlogfile_backups=2")
    import os
    d.wait_for_log(r"done-writing", timeout=15)
    names = set(os.listdir(d.tmp))
    assert {"supervisord.log", "supervisord.log.1", "supervisord.log.2"} <= names, names
    assert "supervisord.log.3" not in names, names
    for n in ("supervisord.log.1", "supervisord.log.2"):
        assert os.path.getsize(os.path.join(d.tmp, n)) >= 2048


def test_sigusr2_reopens_main_log(supervisord):
    import os
    import signal
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
""")
    d.wait_for_exec("x", "sleep")
    old = d.logfile + ".old"
    os.rename(d.logfile, old)
    d.signal(signal.SIGUSR2)
    d.wait_for_file(old, lambda t: re.search(
        r"INFO received SIGUSR2 indicating log reopen request$", t, re.M))
    harness.wait_until(lambda: os.path.exists(d.logfile), timeout=5,
                       message="the main log to be reopened under its name")
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_log(r"WARN stopped: x \(terminated by SIGTERM\)$")
    assert "stopped: x" not in d.read(old)


def test_stdout_logfile_none(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo hi; exec sleep 1000"
stdout_logfile=NONE
stderr_logfile=NONE
startsecs=0
""")
    info = d.wait_for_state("x", "RUNNING")
    assert (info["logfile"], info["stdout_logfile"], info["stderr_logfile"]) == ("", "", "")
    import xmlrpc.client
    try:
        d.tail_child_log("x")
        fault = None
    except xmlrpc.client.Fault as exc:
        fault = (exc.faultCode, exc.faultString)
    assert fault == (20, "NO_FILE")
    # at debug level the output still reaches the main log
    d.wait_for_log(TS + r"DEBG 'x' stdout output:\nhi\n")
