"""A config error names its place once (issue 13, item 11): the reference's message, with its
`(file: ...)` part replaced by `(at FILE:LINE)`."""

import re
import signal
import subprocess

import harness

BAD = "[program:x]\ncommand=sleep 100\nautostart=maybe\n"


def _line_of(d, text):
    return d.read("supervisord.conf").splitlines().index(text) + 1


def test_startup_error_says_the_place_once(supervisord, impl):
    harness.deliberate_difference(impl, "the reference says (file: '...') without the line")
    d = supervisord.new(BAD)
    rc, out, err = d.run_expecting_exit()
    assert rc == 2, (rc, out, err)
    first = err.splitlines()[0]
    assert first == "Error: not a valid boolean value: 'maybe' in section 'program:x' (at %s:%d)" % (
        d.conf_path, _line_of(d, "autostart=maybe")), first
    assert first.count(d.conf_path) == 1


def test_check_and_errors_of_our_own_say_the_place_once(supervisord, impl):
    harness.deliberate_difference(impl, "--check and these errors are ours")
    for programs, at in ((BAD, "autostart=maybe"),
                         ("[prgoram:x]\ncommand=sleep 100\n", "[prgoram:x]"),
                         ("[include]\nfiles={tmp}/missing.conf\n", "files={tmp}/missing.conf")):
        d = supervisord.new(programs)
        result = subprocess.run([harness.binary("ours", "supervisord"), "--check", "-c", d.conf_path],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 2, result
        first = result.stderr.splitlines()[0]
        assert first.count(d.conf_path) == 1, first
        assert first.endswith("(at %s:%d)" % (d.conf_path, _line_of(d, d.expand(at)))), first


def test_a_failed_reload_logs_the_place_once(supervisord, impl):
    harness.deliberate_difference(impl, "the reference exits on a bad config at SIGHUP")
    d = supervisord.start("[program:x]\ncommand=sleep 100\nstartsecs=0\n")
    d.wait_for_state("x", "RUNNING")
    d.write_conf(BAD)
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"CRIT could not reload the configuration, keeping the previous one: not a valid boolean "
                   r"value: 'maybe' in section 'program:x' \(at %s:%d\)$"
                   % (re.escape(d.conf_path), _line_of(d, "autostart=maybe")))
