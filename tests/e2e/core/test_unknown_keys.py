"""Unknown keys (issue 13, item 10): accepted as the reference accepts them, but ours warns
about each one with its place and the known key it is probably a typo of; `--check` prints the
same warnings and `--check --strict` fails on them."""

import re
import subprocess

import harness

MISSPELLED = "[program:a]\ncommand=sleep 1000\nstartsecs=0\nautorestrat=false\nx_deploy_owner=ops\n"


def _warning(d, key, suggestion=None):
    lineno = d.read("supervisord.conf").splitlines().index(next(
        line for line in d.read("supervisord.conf").splitlines() if line.startswith(key + "="))) + 1
    text = "[program:a] %s is not a known key and is ignored (at %s:%d)" % (key, d.conf_path, lineno)
    return text + ("; did you mean %s?" % suggestion if suggestion else "")


def _check(d, *args):
    return subprocess.run([harness.binary("ours", "supervisord"), "--check", "-c", d.conf_path] + list(args),
                          capture_output=True, text=True, timeout=30)


def test_unknown_keys_are_accepted(supervisord):
    d = supervisord.start(MISSPELLED)
    d.wait_for_state("a", "RUNNING")


def test_each_unknown_key_is_logged_once_with_a_suggestion(supervisord, impl):
    harness.deliberate_difference(impl, "the reference ignores unknown keys silently")
    d = supervisord.start(MISSPELLED)
    d.wait_for_state("a", "RUNNING")
    for key, suggestion in (("autorestrat", "autorestart"), ("x_deploy_owner", None)):
        line = "WARN " + _warning(d, key, suggestion)
        log = d.main_log()
        assert [l for l in log.splitlines() if l.endswith(line)] != [], log
        assert log.count(key + " is not a known key") == 1, log


def test_check_prints_the_warnings_and_strict_fails_on_them(supervisord, impl):
    harness.deliberate_difference(impl, "--check is ours")
    d = supervisord.new(MISSPELLED)
    result = _check(d)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "%s: OK\n" % d.conf_path
    assert result.stderr.splitlines() == ["warning: " + _warning(d, "autorestrat", "autorestart"),
                                          "warning: " + _warning(d, "x_deploy_owner")]
    strict = _check(d, "--strict")
    assert strict.returncode == 2, strict
    assert strict.stderr.splitlines()[:2] == result.stderr.splitlines()
    assert strict.stderr.splitlines()[2] == "Error: %s: 2 warnings, which --strict makes errors" % d.conf_path
    assert strict.stdout == ""


def test_known_and_foreign_keys_are_not_warned_about(supervisord, impl):
    harness.deliberate_difference(impl, "the warnings are ours")
    d = supervisord.new("[DEFAULT]\nteam=ops\n\n"
                        "[program:a]\ncommand=sleep 1000\nstartsecs=0\nstdout_syslog=false\nserverurl=AUTO\n"
                        "stderr_capture_maxbytes=0\nnumprocs_start=0\numask=022\nkillasgroup=false\n\n"
                        "[group:g]\nprograms=a\npriority=5\n\n"
                        "[ctlplugin:other_tool]\nsupervisor.ctl_factory=other.tool:make\nany_option=1\n",
                        supervisord_extra="minprocs=10\nprofile_options=cumulative\n")
    assert _check(d, "--strict").stderr.count("is not a known key") == 0
    d.start()
    d.wait_for_state("g:a", "RUNNING")
    assert not re.search("is not a known key", d.main_log())
