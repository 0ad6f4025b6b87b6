"""sd_notify (issue 14): with ready=notify or watchdog_sec the child gets $NOTIFY_SOCKET, a
unix datagram socket; READY=1 makes it RUNNING, STATUS= text shows in its description, and
with watchdog_sec a RUNNING process that stops sending WATCHDOG=1 is unhealthy and
restarted. Extensions: ours only (the reference ignores the keys)."""

import os
import re
import stat

import harness

EXTENSION = "ready=notify and watchdog_sec are ours; the reference ignores the keys"


def test_ready_notify_holds_starting_until_ready_and_shows_the_status(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=%s
startsecs=0
ready=notify
""" % harness.program_command("sd_notify.py", "--status-before", "'warming up'", "--gate", "{tmp}/go",
                              "--status", "'serving 3 clients'"))
    harness.wait_until(lambda: d.info("x")["description"] == "warming up",
                       message="x's STARTING description to be its STATUS")
    starting = d.assert_stays("x", "STARTING", seconds=0.5)
    assert starting["description"] == "warming up"
    d.write_file("go", "")
    running = d.wait_for_state("x", "RUNNING")
    assert running["pid"] == starting["pid"]
    d.wait_for_log(r"INFO success: x entered RUNNING state, process is ready \(notify\)$")
    assert re.match(r"^pid %d, uptime \d+:\d\d:\d\d, serving 3 clients$" % running["pid"],
                    d.info("x")["description"]), d.info("x")


def test_notify_socket_is_given_only_to_programs_that_use_it(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:notifying]
command=sh -c "echo $NOTIFY_SOCKET > {tmp}/notifying.env; exec sleep 1000"
startsecs=0
watchdog_sec=100

[program:plain]
command=sh -c "echo ${NOTIFY_SOCKET-unset} > {tmp}/plain.env; exec sleep 1000"
startsecs=0
""")
    path = d.wait_for_file("notifying.env").strip()
    assert path.startswith("/"), path
    assert stat.S_ISSOCK(os.stat(path).st_mode), path
    # A program that does not use it keeps what the daemon was given, if anything.
    assert d.wait_for_file("plain.env") == os.environ.get("NOTIFY_SOCKET", "unset") + "\n"


def test_a_process_that_stops_pinging_the_watchdog_is_restarted(supervisord, impl):
    harness.deliberate_difference(impl, EXTENSION)
    d = supervisord.start("""
[program:x]
command=%s
startsecs=0
ready=notify
watchdog_sec=1
""" % harness.program_command("sd_notify.py", "--watchdog", "--stop-pinging", "{tmp}/stop"))
    first = d.wait_for_state("x", "RUNNING")
    # Pings keep it going past watchdog_sec.
    harness.wait_until(lambda: (lambda i: i["pid"] != first["pid"] or i["now"] - i["start"] >= 3)(d.info("x")),
                       message="x up for over two seconds")
    assert d.info("x")["pid"] == first["pid"]
    assert "unhealthy: x" not in d.main_log()
    d.write_file("stop", "")
    d.wait_for_log(r"WARN unhealthy: x \(1 failure: no WATCHDOG=1 within 1 seconds\); restarting$")
    os.unlink(os.path.join(d.tmp, "stop"))
    d.wait_for_new_pid("x", first["pid"])
    assert re.search(r"DEBG killing x \(pid %d\) with signal SIGTERM$" % first["pid"], d.main_log(), re.M)
