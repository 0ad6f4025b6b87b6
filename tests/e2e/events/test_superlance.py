"""superlance's listeners, installed from PyPI, run unchanged against both daemons."""

import os
import signal
import sys

import harness

VENV_BIN = harness.VENV_BIN
FAKE_SENDMAIL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "fake_sendmail.sh")


def test_crashmail_mails_unexpected_exit_only(supervisord):
    d = supervisord.start("""
[eventlistener:crashmail]
command=%(bin)s/crashmail -a -m ops@example.com -s %(sendmail)s
events=PROCESS_STATE_EXITED
environment=MAILBOX="{tmp}/mailbox"
stderr_logfile={tmp}/crashmail.err

[program:expected]
command=sh -c "sleep 0.5; exit 0"
autostart=false
startsecs=0
autorestart=false

[program:crasher]
command=sh -c "sleep 0.5; exit 3"
autostart=false
startsecs=0
autorestart=false
""" % {"bin": VENV_BIN, "sendmail": FAKE_SENDMAIL})
    d.wait_for_state("crashmail", "RUNNING")
    d.rpc.supervisor.startProcess("expected")
    d.wait_for_state("expected", "EXITED")
    d.rpc.supervisor.startProcess("crasher")
    d.wait_for_state("crasher", "EXITED")
    mailbox = d.wait_for_file("mailbox", lambda text: "----END----" in text)
    mails = [m for m in mailbox.split("----END----") if m.strip()]
    assert len(mails) == 1, mailbox
    assert "To: ops@example.com" in mails[0]
    assert "crasher" in mails[0] and "expected" not in mails[0].replace("unexpectedly", "")
    # The expected exit, which came first, sent nothing; wait for a later event to be sure
    # the listener had a chance: restart the crasher and see a second mail arrive.
    d.rpc.supervisor.startProcess("crasher")
    d.wait_for_file("mailbox", lambda text: text.count("----END----") == 2)


def test_memmon_restarts_program_over_its_limit(supervisord):
    d = supervisord.start("""
[eventlistener:memmon]
command=%(bin)s/memmon -p hog=20MB
events=TICK_5
stderr_logfile={tmp}/memmon.err

[program:hog]
command=%(python)s -c "import time; block = bytearray(80 * 1024 * 1024); time.sleep(1000)"
startsecs=0
""" % {"bin": VENV_BIN, "python": sys.executable})
    old = d.wait_for_state("hog", "RUNNING")["pid"]
    d.wait_for_new_pid("hog", old, timeout=20)
    d.wait_for_file("memmon.err", lambda text: "hog" in text and "restart" in text.lower(), timeout=5)


def test_httpok_restarts_program_whose_url_fails(supervisord):
    port = harness.free_port()
    d = supervisord.start("""
[eventlistener:httpok]
command=%(bin)s/httpok -p web -t 2 http://127.0.0.1:%(port)d/health
events=TICK_5
stderr_logfile={tmp}/httpok.err

[program:web]
command=sh -c "mkdir -p {tmp}/empty && exec %(python)s -m http.server %(port)d --bind 127.0.0.1 --directory {tmp}/empty"
startsecs=1
""" % {"bin": VENV_BIN, "python": sys.executable, "port": port})
    old = d.wait_for_state("web", "RUNNING")["pid"]
    # /health is a 404 there, so httpok restarts the program on the next tick.
    d.wait_for_new_pid("web", old, timeout=20)
