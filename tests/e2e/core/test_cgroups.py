"""[supervisord] cgroups= (ours): each process in a cgroup of its own (cgroup v2), so that
stopping it ends its whole tree, daemonized grandchildren included, and it counts as
stopped only once nothing of it is left. cgroups=off (the default) changes nothing.

What this machine cannot show is said in the skip reasons: the limits (memory_max,
cpu_max, pids_max) need controllers that a cgroup v2 without them does not offer.
"""

import os
import platform
import re
import shutil
import subprocess
import sys

import pytest

import harness

# A program whose child calls setsid() and forks again: the grandchild is in another
# session and process group, out of reach of stopasgroup/killasgroup. It writes its pid
# to gc.pid and sleeps; the main process then sleeps too, or exits with "exit".
DAEMONIZER = """\
import os, signal, sys, time
tmp, then = sys.argv[1], sys.argv[2]
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        with open(os.path.join(tmp, "gc.pid.new"), "w") as f:
            f.write(str(os.getpid()))
        os.rename(os.path.join(tmp, "gc.pid.new"), os.path.join(tmp, "gc.pid"))
        while True:
            time.sleep(1000)
    os._exit(0)
os.wait()
if then == "exit":
    sys.exit(0)
while True:
    time.sleep(1000)
"""

PROGRAM = """
[program:dz]
command={python} {tmp}/daemonizer.py {tmp} %(then)s
startsecs=0
stopwaitsecs=1
autorestart=false
killasgroup=true
"""


def cgroup_v2_directory():
    """This process's cgroup v2 directory (the daemon's, as the test starts it), or None."""
    own = None
    with open("/proc/self/cgroup") as f:
        for line in f:
            if line.startswith("0::"):
                own = line[3:].rstrip("\n")
    if own is None:
        return None
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            dash = fields.index("-")
            if fields[dash + 1] != "cgroup2":
                continue
            root, mount = fields[3], fields[4].replace("\\040", " ")
            if root == "/":
                return mount + ("" if own == "/" else own)
            if own == root or own.startswith(root + "/"):
                return mount + own[len(root):]
    return None


def cgroup2_mounts():
    with open("/proc/self/mountinfo") as f:
        return [fields[4] for fields in (line.split() for line in f)
                if fields[fields.index("-") + 1] == "cgroup2"]


def require_writable_cgroup_v2():
    """The cgroup v2 directory the daemon will make its tree in; skips where there is none
    this test can write."""
    directory = cgroup_v2_directory()
    if directory is None:
        pytest.skip("no cgroup v2 here (no 0:: line in /proc/self/cgroup or no cgroup2 mount)")
    probe = os.path.join(directory, "sv-e2e-probe-%d" % os.getpid())
    try:
        os.mkdir(probe)
    except OSError as exc:
        pytest.skip("cgroup v2 at %s is not writable here: %s" % (directory, exc))
    has_kill = os.path.exists(os.path.join(probe, "cgroup.kill"))
    os.rmdir(probe)
    if not has_kill:
        pytest.skip("this kernel's cgroup v2 has no cgroup.kill (Linux 5.14 or later)")
    return directory


def require_mount_namespaces():
    if os.geteuid() != 0:
        pytest.skip("hiding the cgroup2 mount needs root (a private mount namespace)")
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is needed")
    if not cgroup2_mounts():
        pytest.skip("no cgroup2 mount to hide")


def without_cgroup2_prefix():
    """A command prefix that runs the daemon in a private mount namespace without cgroup2."""
    unmount = " && ".join("umount -l '%s'" % mount for mount in cgroup2_mounts())
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", unmount + ' && exec "$@"', "sh"]


# Runs the rest of the command line under a seccomp filter that answers clone3 with
# ENOSYS, as container runtimes' default profiles do (x86-64 system call numbers).
SECCOMP_EXEC = """\
import ctypes, os, struct, sys
filters = [
    (0x20, 0, 0, 4),            # load the architecture
    (0x15, 0, 3, 0xC000003E),   # not x86-64: allow
    (0x20, 0, 0, 0),            # load the system call number
    (0x15, 0, 1, 435),          # clone3?
    (0x06, 0, 0, 0x00050000 | 38),  # ERRNO(ENOSYS)
    (0x06, 0, 0, 0x7FFF0000),   # ALLOW
]
program = b"".join(struct.pack("HBBI", *f) for f in filters)
buffer = ctypes.create_string_buffer(program)
fprog = struct.pack("HxxxxxxP", len(filters), ctypes.addressof(buffer))
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
    sys.exit("prctl(PR_SET_NO_NEW_PRIVS): %s" % os.strerror(ctypes.get_errno()))
if libc.prctl(22, 2, ctypes.c_char_p(fprog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
    sys.exit("prctl(PR_SET_SECCOMP): %s" % os.strerror(ctypes.get_errno()))
os.execv(sys.argv[1], sys.argv[1:])
"""


def without_clone3_prefix():
    """A command prefix that runs the daemon with clone3 answering ENOSYS; skips where no
    seccomp filter can be installed."""
    prefix = [sys.executable, "-c", SECCOMP_EXEC]
    probe = subprocess.run(prefix + [sys.executable, "-c",
                                     "import ctypes; l = ctypes.CDLL(None, use_errno=True); "
                                     "print(l.syscall(435, 0, 0), ctypes.get_errno())"],
                           capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("cannot install a seccomp filter here: " + probe.stderr.strip())
    assert probe.stdout.split() == ["-1", "38"], probe.stdout  # clone3 answers ENOSYS
    return prefix


def start_daemonizer(supervisord, then, cgroups, prefix=()):
    d = supervisord.new(PROGRAM % {"then": then}, supervisord_extra="cgroups=%s" % cgroups)
    d.write_file("daemonizer.py", DAEMONIZER)
    # {python}: the interpreter running the tests.
    with open(d.conf_path) as f:
        text = f.read()
    with open(d.conf_path, "w") as f:
        f.write(text.replace("{python}", sys.executable))
    d.start(prefix=prefix)
    return d


def grandchild(d):
    return int(d.wait_for_file("gc.pid", lambda t: t.strip().isdigit()).strip())


def pids_of_program(d):
    """Live processes of the program: those carrying the test's marker, but the daemon."""
    return [pid for pid in harness.marked_pids(d.marker) if pid != d.proc.pid]


def ctl(d, *args):
    result = subprocess.run([harness.binary(d.impl, "supervisorctl"), "-c", d.conf_path] + list(args),
                            capture_output=True, text=True, timeout=30)
    return result.returncode, result.stdout + result.stderr


def cgroup_of(pid):
    with open("/proc/%d/cgroup" % pid) as f:
        for line in f:
            if line.startswith("0::"):
                return line[3:].rstrip("\n")
    return None


def assert_stop_ends_the_whole_tree(d, directory):
    gc = grandchild(d)
    main = d.info("dz")["pid"]
    assert os.getsid(gc) != os.getsid(main) and os.getpgid(gc) != os.getpgid(main)
    tree = os.path.join(directory, "supervisord-%d" % d.proc.pid)
    # Both run in the program's cgroup, in the daemon's tree.
    assert cgroup_of(main) == cgroup_of(gc)
    assert os.path.isdir(os.path.join(tree, "dz"))
    assert cgroup_of(main).endswith("/supervisord-%d/dz" % d.proc.pid), cgroup_of(main)
    status, out = ctl(d, "stop", "dz")
    assert status == 0 and "dz: stopped" in out, out
    # At the moment it counts as stopped, nothing of it is left.
    assert pids_of_program(d) == []
    assert not harness.pid_alive(gc)
    assert d.info("dz")["statename"] == "STOPPED"
    d.wait_for_log(r"INFO waiting for what is left of 'dz' in its cgroup$")
    d.wait_for_log(r"DEBG killing everything in the cgroup of 'dz'$")
    d.wait_for_log(r"WARN stopped: dz \(terminated by SIGTERM\)$")
    # The run's cgroup is gone with it; the tree stays while the daemon runs.
    assert not os.path.exists(os.path.join(tree, "dz"))
    assert os.path.isdir(tree)
    return tree


def test_daemonized_grandchild_is_gone_after_stop(supervisord, impl):
    harness.deliberate_difference(impl, "cgroups= is ours")
    directory = require_writable_cgroup_v2()
    d = start_daemonizer(supervisord, "sleep", "on")
    d.wait_for_log(r"INFO cgroups: each process runs in a cgroup of its own below %s/supervisord-%d$"
                   % (directory, d.proc.pid))
    tree = assert_stop_ends_the_whole_tree(d, directory)
    # Started again (in a fresh cgroup, the killed one was removed), it runs.
    status, out = ctl(d, "start", "dz")
    assert status == 0 and "dz: started" in out, out
    assert d.info("dz")["statename"] == "RUNNING"
    # The daemon removes its tree when it exits.
    d.rpc.supervisor.shutdown()
    d.wait_exit(timeout=15)
    assert not os.path.exists(tree)
    assert pids_of_program(d) == []


def test_grandchild_left_by_an_exit_is_killed_after_stopwaitsecs(supervisord, impl):
    harness.deliberate_difference(impl, "cgroups= is ours")
    require_writable_cgroup_v2()
    d = start_daemonizer(supervisord, "exit", "on")
    gc = grandchild(d)
    d.wait_for_log(r"INFO waiting for what is left of 'dz' in its cgroup \(killed in 1 seconds\)$")
    # Its main process has exited, but it is not gone while the grandchild runs.
    info = d.info("dz")
    if harness.pid_alive(gc):
        assert info["statename"] == "RUNNING", info
    info = d.wait_for_state("dz", "EXITED", timeout=10)
    assert pids_of_program(d) == []
    assert info["exitstatus"] == 0
    log = d.main_log()
    killed = log.index("WARN killing what is left of 'dz' in its cgroup with SIGKILL")
    assert killed < log.index("INFO exited: dz (exit status 0; expected)")


def test_limits_without_their_controllers_are_said_once(supervisord, impl):
    harness.deliberate_difference(impl, "cgroups= is ours")
    directory = require_writable_cgroup_v2()
    with open(os.path.join(directory, "cgroup.controllers")) as f:
        offered = f.read().split()
    if {"memory", "cpu", "pids"} & set(offered):
        pytest.skip("this cgroup offers %s: the limits are written there (unit-tested in "
                    "CgroupLiveTests); this test is for a cgroup v2 without those controllers" % offered)
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
memory_max=64MB
cpu_max=50%
pids_max=10
""", supervisord_extra="cgroups=on")
    d.wait_for_state("x", "RUNNING")
    line = ("WARN cgroups: 'x' runs without memory_max (the memory controller is not available in {0}), "
            "cpu_max (the cpu controller is not available in {0}), "
            "pids_max (the pids controller is not available in {0})").format(directory)
    d.wait_for_log(re.escape(line) + "$")
    status, out = ctl(d, "restart", "x")
    assert status == 0 and "x: started" in out, out
    assert d.main_log().count(line) == 1


@pytest.mark.skipif(platform.machine() != "x86_64", reason="the seccomp filter uses x86-64 system call numbers")
def test_without_clone3_the_child_joins_its_cgroup_itself(supervisord, impl):
    """Where seccomp refuses clone3 (Docker's and Podman's default profiles), the child
    writes itself into its cgroup before exec: the same tree is stopped the same way."""
    harness.deliberate_difference(impl, "cgroups= is ours")
    directory = require_writable_cgroup_v2()
    d = start_daemonizer(supervisord, "sleep", "on", prefix=without_clone3_prefix())
    assert_stop_ends_the_whole_tree(d, directory)


@pytest.mark.skipif(platform.machine() != "x86_64", reason="the seccomp filter uses x86-64 system call numbers")
def test_without_clone3_a_child_that_fails_before_exec_is_reaped(supervisord, impl):
    harness.deliberate_difference(impl, "cgroups= is ours")
    require_writable_cgroup_v2()
    d = supervisord.new("""
[program:nodir]
command=sleep 1000
directory={tmp}/gone
autostart=false
startretries=0
""", supervisord_extra="cgroups=on")
    os.mkdir(os.path.join(d.tmp, "gone"))
    d.start(prefix=without_clone3_prefix())
    os.rmdir(os.path.join(d.tmp, "gone"))
    status, out = ctl(d, "start", "nodir")
    assert status != 0 and "nodir: ERROR (spawn error)" in out, out
    assert d.info("nodir")["statename"] == "FATAL"
    d.wait_for_log(r"WARN exited: nodir \(exit status 127; not expected\)$")


def test_cgroups_on_without_cgroup_v2_is_a_startup_error(supervisord, impl):
    harness.deliberate_difference(impl, "cgroups= is ours")
    require_mount_namespaces()
    d = supervisord.new(PROGRAM % {"then": "sleep"}, supervisord_extra="cgroups=on")
    result = subprocess.run(without_cgroup2_prefix() + [harness.binary(impl, "supervisord"), "-n", "-c", d.conf_path],
                            capture_output=True, text=True, timeout=30, cwd=d.tmp, env=d.env())
    assert result.returncode == 2, result
    assert result.stderr.splitlines()[0] == "Error: cgroups=on but no cgroup2 file system is mounted", result.stderr
    assert not os.path.exists(os.path.join(d.tmp, "gc.pid"))


def test_cgroups_auto_without_cgroup_v2_says_why_once_and_runs_as_today(supervisord, impl):
    harness.deliberate_difference(impl, "cgroups= is ours")
    require_mount_namespaces()
    d = start_daemonizer(supervisord, "sleep", "auto", prefix=without_cgroup2_prefix())
    gc = grandchild(d)
    status, out = ctl(d, "stop", "dz")
    assert status == 0 and "dz: stopped" in out, out
    # As without cgroups: the daemonized grandchild survives (the teardown kills it).
    assert harness.pid_alive(gc)
    log = d.main_log()
    assert log.count("INFO cgroups: not used (no cgroup2 file system is mounted)") == 1, log
    assert "waiting for what is left" not in log


def test_cgroups_off_changes_nothing(supervisord, impl):
    """The default: no cgroup is made, and a daemonized grandchild survives a stop, as it
    does with the reference (which ignores the key)."""
    directory = cgroup_v2_directory()
    d = start_daemonizer(supervisord, "sleep", "off")
    gc = grandchild(d)
    status, out = ctl(d, "stop", "dz")
    assert status == 0 and "dz: stopped" in out, out
    assert harness.pid_alive(gc)
    assert "cgroups" not in d.main_log()
    if directory is not None:
        assert not os.path.exists(os.path.join(directory, "supervisord-%d" % d.proc.pid))
    if cgroup_of(gc) is not None:
        assert cgroup_of(gc) == cgroup_of(os.getpid())
