"""In capture mode the captured text is still sent as a PROCESS_LOG event (when
the channel's events are enabled), before its PROCESS_COMMUNICATION event, as
the reference does."""

import re

from events.test_listener_protocol import listener_conf, wait_events


def test_captured_text_is_also_a_log_event(supervisord):
    d = supervisord.start(listener_conf("PROCESS_LOG,PROCESS_COMMUNICATION") + """
[program:talker]
command=sh -c "printf '<!--XSUPERVISOR:BEGIN-->captured text<!--XSUPERVISOR:END-->'; exec sleep 1000"
stdout_capture_maxbytes=1KB
stdout_events_enabled=true
stdout_logfile={tmp}/talker.log
autostart=false
""")
    d.wait_for_state("rec", "RUNNING")
    d.rpc.supervisor.startProcess("talker")
    events = wait_events(d, lambda ev: any(e["headers"]["eventname"].startswith("PROCESS_COMMUNICATION") for e in ev))
    assert [(e["headers"]["eventname"], re.sub(r"pid:\d+", "pid:N", e["payload"])) for e in events] == [
        ("PROCESS_LOG_STDOUT", "processname:talker groupname:talker pid:N channel:stdout\ncaptured text"),
        ("PROCESS_COMMUNICATION_STDOUT", "processname:talker groupname:talker pid:N\ncaptured text"),
    ]
    d.wait_for_log(r"'talker' stdout output:\ncaptured text")
    assert "captured text" not in d.read("talker.log")
