"""Event listeners: the protocol, payloads, subscription hierarchy, rebuffering.
The expected sequences are what the reference sends; every test runs against
both daemons."""

import json
import os
import re
import signal
import sys

import harness

RECORDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recorder.py")


def listener_conf(events, extra="", stderr_logfile="{tmp}/rec.err"):
    return """
[eventlistener:rec]
command=%s %s {tmp}/events.jsonl
events=%s
stderr_logfile=%s
%s
""" % (sys.executable, RECORDER, events, stderr_logfile, extra)


def recorded(d):
    path = os.path.join(d.tmp, "events.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def wait_events(d, predicate, timeout=15.0):
    harness.wait_until(lambda: predicate(recorded(d)), timeout=timeout,
                       message="events; got %r" % recorded(d))
    return recorded(d)


def about(events, name):
    """(eventname, payload with pids normalised) of the events naming process ``name``."""
    result = []
    for e in events:
        if ("processname:%s " % name) in e["payload"] or e["headers"]["eventname"].startswith("REMOTE"):
            result.append((e["headers"]["eventname"], re.sub(r"pid:\d+", "pid:N", e["payload"])))
    return result


def test_process_state_sequence(supervisord):
    d = supervisord.start(listener_conf("PROCESS_STATE") + """
[program:p]
command=sleep 1000
autostart=false
startsecs=1
""")
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.startProcess("p")
    pid = d.info("p")["pid"]
    os.kill(pid, signal.SIGKILL)
    d.wait_for_new_pid("p", pid)
    d.wait_for_state("p", "RUNNING")
    d.rpc.supervisor.stopProcess("p")
    events = wait_events(d, lambda ev: any(e["headers"]["eventname"] == "PROCESS_STATE_STOPPED"
                                           and "processname:p " in e["payload"] for e in ev))
    assert about(events, "p") == [
        ("PROCESS_STATE_STARTING", "processname:p groupname:p from_state:STOPPED tries:0"),
        ("PROCESS_STATE_RUNNING", "processname:p groupname:p from_state:STARTING pid:N"),
        ("PROCESS_STATE_EXITED", "processname:p groupname:p from_state:RUNNING expected:0 pid:N"),
        ("PROCESS_STATE_STARTING", "processname:p groupname:p from_state:EXITED tries:0"),
        ("PROCESS_STATE_RUNNING", "processname:p groupname:p from_state:STARTING pid:N"),
        ("PROCESS_STATE_STOPPING", "processname:p groupname:p from_state:RUNNING pid:N"),
        ("PROCESS_STATE_STOPPED", "processname:p groupname:p from_state:STOPPING pid:N"),
    ]
    # Headers: version, server identifier, serials that grow, the pool, the length.
    last = events[-1]["headers"]
    assert last["ver"] == "3.0" and last["server"] == "supervisor" and last["pool"] == "rec"
    assert int(last["len"]) == len(events[-1]["payload"].encode())
    serials = [int(e["headers"]["serial"]) for e in events]
    pool_serials = [int(e["headers"]["poolserial"]) for e in events]
    assert serials == sorted(serials) and len(set(serials)) == len(serials)
    assert pool_serials == list(range(pool_serials[0], pool_serials[0] + len(events)))


def test_listener_with_no_log_files_still_speaks_on_a_pipe(supervisord):
    # A listener's stdout is its protocol, whatever its log settings: with NONE logs
    # and loglevel info (where other programs' unread output goes to /dev/null) the
    # daemon still reads it, on both daemons.
    d = supervisord.start(listener_conf("PROCESS_STATE", "stdout_logfile=NONE", stderr_logfile="NONE") + """
[program:p]
command=sleep 1000
autostart=false
startsecs=0
""", loglevel="info")
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.startProcess("p")
    wait_events(d, lambda ev: ("PROCESS_STATE_RUNNING", "processname:p groupname:p from_state:STARTING pid:N")
                in about(ev, "p"))
    pid = d.info("rec")["pid"]
    assert os.readlink("/proc/%d/fd/1" % pid).startswith("pipe:[")


def test_backoff_and_fatal_events(supervisord):
    d = supervisord.start(listener_conf("PROCESS_STATE_BACKOFF,PROCESS_STATE_FATAL") + """
[program:bad]
command=sh -c "exit 1"
autostart=false
startretries=1
; The reference notices exits only once a second: startsecs=1 is too tight for it under load.
startsecs=3
""")
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.startProcess("bad", False)
    events = wait_events(d, lambda ev: any(e["headers"]["eventname"] == "PROCESS_STATE_FATAL" for e in ev))
    assert about(events, "bad") == [
        ("PROCESS_STATE_BACKOFF", "processname:bad groupname:bad from_state:STARTING tries:1"),
        ("PROCESS_STATE_BACKOFF", "processname:bad groupname:bad from_state:STARTING tries:2"),
        ("PROCESS_STATE_FATAL", "processname:bad groupname:bad from_state:BACKOFF"),
    ]


def test_remote_communication_and_rebuffer_after_fail(supervisord):
    d = supervisord.start(listener_conf("REMOTE_COMMUNICATION"))
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.sendRemoteCommEvent("greeting", "hello FAIL-ONCE")
    d.rpc.supervisor.sendRemoteCommEvent("other", "second")
    events = wait_events(d, lambda ev: len(ev) >= 3)
    # The FAILed event comes back first, before the next one.
    assert [(e["headers"]["eventname"], e["payload"]) for e in events] == [
        ("REMOTE_COMMUNICATION", "type:greeting\nhello FAIL-ONCE"),
        ("REMOTE_COMMUNICATION", "type:greeting\nhello FAIL-ONCE"),
        ("REMOTE_COMMUNICATION", "type:other\nsecond"),
    ]
    assert events[0]["headers"]["serial"] == events[1]["headers"]["serial"]
    d.wait_for_log(r"WARN rec: event was rejected")


def test_process_communication_capture(supervisord):
    d = supervisord.start(listener_conf("PROCESS_COMMUNICATION") + """
[program:talker]
command=sh -c "echo before; printf '<!--XSUPERVISOR:BEGIN-->captured text<!--XSUPERVISOR:END-->'; echo after the block; echo a line long enough to push the reference buffer; exec sleep 1000"
stdout_capture_maxbytes=1KB
stdout_logfile={tmp}/talker.log
autostart=false
""")
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.startProcess("talker")
    events = wait_events(d, lambda ev: len(ev) >= 1)
    assert [(e["headers"]["eventname"], re.sub(r"pid:\d+", "pid:N", e["payload"])) for e in events] == [
        ("PROCESS_COMMUNICATION_STDOUT", "processname:talker groupname:talker pid:N\ncaptured text")]
    # (The reference holds back up to a token's length of output after a block until
    # more arrives; ours writes it at once. The second line flushes both.)
    log = d.wait_for_file("talker.log", lambda text: "after the block" in text)
    assert "captured text" not in log and "before" in log


def test_process_log_events(supervisord):
    d = supervisord.start(listener_conf("PROCESS_LOG") + """
[program:chatty]
command=sh -c "echo to-stderr >&2; exec sleep 1000"
stderr_events_enabled=true
autostart=false
""")
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.startProcess("chatty")
    events = wait_events(d, lambda ev: len(ev) >= 1)
    assert [(e["headers"]["eventname"], re.sub(r"pid:\d+", "pid:N", e["payload"])) for e in events] == [
        ("PROCESS_LOG_STDERR", "processname:chatty groupname:chatty pid:N channel:stderr\nto-stderr\n")]


def test_tick_and_group_events(supervisord):
    d = supervisord.start(listener_conf("TICK_5,PROCESS_GROUP"))
    events = wait_events(d, lambda ev: any(e["headers"]["eventname"] == "TICK_5" for e in ev), timeout=12)
    names = [e["headers"]["eventname"] for e in events]
    assert names[0] == "PROCESS_GROUP_ADDED" and events[0]["payload"] == "groupname:rec\n"
    tick = next(e for e in events if e["headers"]["eventname"] == "TICK_5")
    when = int(tick["payload"].split(":")[1])
    assert when % 5 == 0


def test_buffer_overflow_discards_oldest(supervisord):
    # A listener that never says READY again after its first event: events pile up.
    d = supervisord.start("""
[eventlistener:stuck]
command=sh -c "echo READY; exec sleep 1000"
events=REMOTE_COMMUNICATION
buffer_size=2
""")
    d.wait_for_state("stuck", "RUNNING")
    for i in range(5):
        d.rpc.supervisor.sendRemoteCommEvent("t", "n%d" % i)
    d.wait_for_log(r"ERRO pool stuck event buffer overflowed, discarding event \d+", count=2)
