"""What a child sees: environment, working directory, umask."""

import os

import pytest


def _env(text):
    return dict(line.split("=", 1) for line in text.split("\0") if "=" in line)


def test_child_environment_directory_umask(supervisord):
    d = supervisord.new("""
[group:g]
programs=x

[program:x]
command=sh -c "env -0 > {tmp}/env.txt; pwd > {tmp}/cwd.txt; umask > {tmp}/umask.txt; exec sleep 1000"
directory={tmp}/wd
umask=027
startsecs=0
environment=PROG_ONLY="p1",SHARED="from-program",WITH_SPACE="a b"
""", supervisord_extra='environment=GLOBAL_ONLY="g1",SHARED="from-supervisord"')
    os.makedirs(os.path.join(d.tmp, "wd"))
    d.start()
    d.wait_for_state("g:x", "RUNNING")
    env = _env(d.wait_for_file("umask.txt", lambda t: t.endswith("\n")) and d.read("env.txt"))
    assert env["SUPERVISOR_ENABLED"] == "1"
    assert env["SUPERVISOR_PROCESS_NAME"] == "x"
    assert env["SUPERVISOR_GROUP_NAME"] == "g"
    assert env["SUPERVISOR_SERVER_URL"] == "unix://" + d.sock
    assert env["PROG_ONLY"] == "p1"
    assert env["GLOBAL_ONLY"] == "g1"
    assert env["SHARED"] == "from-program"
    assert env["WITH_SPACE"] == "a b"
    # The daemon's own environment is passed on.
    assert env["SUPERVISOR_E2E_MARKER"] == d.marker
    assert d.read("cwd.txt") == os.path.join(d.tmp, "wd") + "\n"
    assert d.read("umask.txt") == "0027\n"


def test_numprocs_process_name_in_environment(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo $SUPERVISOR_PROCESS_NAME $SUPERVISOR_GROUP_NAME > {tmp}/n.%(process_num)s; exec sleep 1000"
process_name=%(program_name)s_%(process_num)s
numprocs=2
startsecs=0
""")
    assert d.wait_for_file("n.0", lambda t: t.endswith("\n")) == "x_0 x\n"
    assert d.wait_for_file("n.1", lambda t: t.endswith("\n")) == "x_1 x\n"


def test_environment_expansions(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo $A $B > {tmp}/e.txt; exec sleep 1000"
environment=A="%(program_name)s-%(process_num)d",B="%(ENV_SUPERVISOR_E2E_MARKER)s"
startsecs=0
""")
    assert d.wait_for_file("e.txt", lambda t: t.endswith("\n")) == "x-0 %s\n" % d.marker


def test_default_directory_and_umask_are_inherited_in_foreground(supervisord):
    # Without directory= the child runs where the daemon runs (the harness
    # starts it in the temp dir; -n keeps it from chdir'ing anywhere), and in
    # the foreground the [supervisord] umask is not applied: the child
    # inherits the umask the daemon was started with.
    d = supervisord.new("""
[program:x]
command=sh -c "pwd > {tmp}/cwd.txt; umask > {tmp}/umask.txt; exec sleep 1000"
startsecs=0
""", supervisord_extra="umask=022")
    d.start(umask=0o077)
    assert d.wait_for_file("umask.txt", lambda t: t.endswith("\n")) == "0077\n"
    assert d.read("cwd.txt") == d.tmp + "\n"


def test_here_expansion_in_environment(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo $H"
environment=H="%(here)s/sub"
startsecs=0
autorestart=false
""")
    d.wait_for_state("x", "EXITED")
    assert d.tail_child_log("x") == d.tmp + "/sub\n"


def test_user_option_drops_privileges(supervisord):
    if os.geteuid() != 0:
        pytest.fail("this test needs root (the daemon must be able to switch to nobody)")
    d = supervisord.start("""
[program:x]
command=sh -c "id -u; id -g; echo HOME=$HOME"
user=nobody
startsecs=0
autorestart=false
""")
    d.wait_for_state("x", "EXITED")
    uid, gid, home = d.tail_child_log("x").splitlines()
    assert (uid, gid) == ("65534", "65534")
    # 4.3.0 does not set HOME/USER/LOGNAME for user=: the daemon's HOME stays.
    assert home == "HOME=" + d.env().get("HOME", "")


def _owner(path):
    st = os.stat(path)
    return st.st_uid, st.st_gid


def _ids(pid):
    """(real uid, effective uid, real gid, effective gid) of a process."""
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return (int(fields["Uid"][0]), int(fields["Uid"][1]), int(fields["Gid"][0]), int(fields["Gid"][1]))


def test_daemon_user_option_runs_daemon_and_children_as_that_user(supervisord):
    # [supervisord] user=: the daemon switches user before it opens its log, socket and
    # pidfile (so they belong to that user), and its children run as that user too.
    if os.geteuid() != 0:
        pytest.fail("this test needs root (the daemon must be able to switch to nobody)")
    d = supervisord.new("""
[program:x]
command=sleep 1000
startsecs=0
""", supervisord_extra="user=nobody")
    for path in (d.tmp, d.childlogdir):
        os.chown(path, 65534, 65534)
    d.start()
    info = d.wait_for_state("x", "RUNNING")
    assert _ids(d.proc.pid) == (65534, 65534, 65534, 65534)
    assert _ids(info["pid"]) == (65534, 65534, 65534, 65534)
    for path in (d.logfile, d.sock, os.path.join(d.tmp, "supervisord.pid"), info["stdout_logfile"]):
        assert _owner(path) == (65534, 65534), path
