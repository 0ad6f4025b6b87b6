"""environment_file= (ours; the reference ignores the key): dotenv files read at every
spawn, between [supervisord] environment and the program's environment; a file that
cannot be read or parsed is a spawn error (BACKOFF, then FATAL)."""

import os
import re
import subprocess

import harness

REASON = "environment_file= is ours; the reference ignores the key"

# Writes the child's environment (NUL-separated) to {tmp}/NAME.env0, then stays up.
DUMP = "sh -c 'env -0 > {tmp}/%s.tmp && mv {tmp}/%s.tmp {tmp}/%s.env0; exec sleep 1000'"


def _dump(name):
    return DUMP % (name, name, name)


def _child_env(d, name):
    text = d.wait_for_file(name + ".env0")
    return dict(item.split("=", 1) for item in text.split("\0") if "=" in item)


def test_precedence_daemon_supervisord_files_in_order_program(supervisord, impl, monkeypatch):
    harness.deliberate_difference(impl, REASON)
    for name in ("DAEMON_ONLY", "OVER_DAEMON", "OVER_SUPERVISORD", "OVER_FIRST_FILE", "OVER_FILES"):
        monkeypatch.setenv("E2E_" + name, "daemon")
    d = supervisord.new("""
[program:x]
command=%s
startsecs=0
environment_file={tmp}/first.env, {tmp}/second.env
environment=E2E_OVER_FILES="program"
""" % _dump("x"), supervisord_extra='environment=E2E_OVER_DAEMON="supervisord",E2E_OVER_SUPERVISORD='
                                     '"supervisord",E2E_OVER_FIRST_FILE="supervisord",E2E_OVER_FILES="supervisord"')
    d.write_file("first.env", "E2E_OVER_SUPERVISORD=first\nE2E_OVER_FIRST_FILE=first\nE2E_OVER_FILES=first\n")
    d.write_file("second.env", "E2E_OVER_FIRST_FILE=second\nE2E_OVER_FILES=second\nE2E_FILE_ONLY=second\n")
    d.start()
    env = _child_env(d, "x")
    assert env["E2E_DAEMON_ONLY"] == "daemon"
    assert env["E2E_OVER_DAEMON"] == "supervisord"
    assert env["E2E_OVER_SUPERVISORD"] == "first"
    assert env["E2E_OVER_FIRST_FILE"] == "second"
    assert env["E2E_FILE_ONLY"] == "second"
    assert env["E2E_OVER_FILES"] == "program"
    assert env["SUPERVISOR_PROCESS_NAME"] == "x"


def test_quoting_export_comments_and_blank_lines(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.new("""
[program:x]
command=%s
startsecs=0
environment_file={tmp}/app.env
""" % _dump("x"))
    d.write_file("app.env", "\n".join([
        "# the application's settings",
        "",
        "PLAIN=value",
        "export EXPORTED=yes",
        "  SPACED  =  two words   # a comment after a blank",
        "URL=http://host/path#fragment",
        "SINGLE='$HOME stays, \\n stays, # stays'",
        'DOUBLE="line one\\nline \\"two\\" \\\\ end"  # comment',
        "EMPTY=",
        "\t# an indented comment",
        "",
    ]))
    d.start()
    env = _child_env(d, "x")
    assert env["PLAIN"] == "value"
    assert env["EXPORTED"] == "yes"
    assert env["SPACED"] == "two words"
    assert env["URL"] == "http://host/path#fragment"
    assert env["SINGLE"] == "$HOME stays, \\n stays, # stays"
    assert env["DOUBLE"] == 'line one\nline "two" \\ end'
    assert env["EMPTY"] == ""


def test_optional_missing_file_and_paths_relative_to_directory(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.new("""
[program:indir]
command=%s
directory={tmp}/wd
startsecs=0
environment_file=-missing.env, app.env, -also/missing.env

[program:nodir]
command=%s
startsecs=0
environment_file=cwd.env
""" % (_dump("indir"), _dump("nodir")))
    d.write_file("wd/app.env", "WHERE=directory\n")
    # Without directory=, relative to the daemon's working directory (the harness runs it in {tmp}).
    d.write_file("cwd.env", "WHERE=cwd\n")
    d.start()
    assert _child_env(d, "indir")["WHERE"] == "directory"
    assert _child_env(d, "nodir")["WHERE"] == "cwd"
    assert "spawnerr" not in d.main_log()


def test_a_missing_required_file_is_a_spawn_error_backoff_then_fatal(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("""
[program:x]
command=sleep 1000
directory={tmp}
environment_file=-optional.env, required.env
startretries=2
""")
    message = "environment file %s/required.env: no such file" % d.tmp
    info = d.wait_for_state("x", "BACKOFF")
    assert (info["spawnerr"], info["description"], info["pid"]) == (message, message, 0), info
    info = d.wait_for_state("x", "FATAL", timeout=15)
    assert (info["spawnerr"], info["description"]) == (message, message), info
    d.wait_for_log(r"INFO spawnerr: %s$" % re.escape(message), count=3)
    d.wait_for_log(r"INFO gave up: x entered FATAL state, too many start retries too quickly$")
    assert "spawned: 'x'" not in d.main_log()


def test_supervisorctl_start_reports_the_spawn_error(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("""
[program:x]
command=sleep 1000
autostart=false
environment_file={tmp}/required.env
startretries=0
""")
    ctl = subprocess.run([harness.binary(impl, "supervisorctl"), "-c", d.conf_path, "start", "x"],
                         capture_output=True, text=True, timeout=30)
    # Not a command problem (NO_FILE): the spawn itself fails, as for a command that exits at once.
    assert (ctl.stdout, ctl.returncode != 0) == ("x: ERROR (spawn error)\n", True), ctl
    info = d.wait_for_state("x", "FATAL")
    assert info["spawnerr"] == "environment file %s/required.env: no such file" % d.tmp


def test_the_file_is_read_again_at_every_spawn(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.new("""
[program:x]
command=sh -c 'echo "$GREETING" > {tmp}/greeting.tmp && mv {tmp}/greeting.tmp {tmp}/greeting; exec sleep 1000'
startsecs=0
environment_file={tmp}/app.env
""")
    path = d.write_file("app.env", "GREETING=hello\n")
    d.start()
    assert d.wait_for_file("greeting") == "hello\n"
    os.unlink(os.path.join(d.tmp, "greeting"))
    with open(path, "w") as f:
        f.write("GREETING='hello again'\n")
    ctl = subprocess.run([harness.binary(impl, "supervisorctl"), "-c", d.conf_path, "restart", "x"],
                         capture_output=True, text=True, timeout=30)
    assert ctl.stdout == "x: stopped\nx: started\n", ctl
    assert d.wait_for_file("greeting") == "hello again\n"


def test_a_syntax_error_names_the_file_and_line(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.new("""
[program:x]
command=sleep 1000
environment_file={tmp}/bad.env
startretries=0
""")
    path = d.write_file("bad.env", "# settings\nTOKEN=ok\nPASSWORD='s3cret\n")
    d.start()
    message = "environment file %s line 3: no closing ' quote" % path
    info = d.wait_for_state("x", "FATAL")
    assert (info["spawnerr"], info["description"]) == (message, message), info
    d.wait_for_log(r"INFO spawnerr: %s$" % re.escape(message))
    assert "s3cret" not in d.main_log()
