"""Child output capture: rotation, redirect_stderr, separate stderr log."""

import os
import shutil
import tempfile

import harness


def _sizes(d, base):
    out = {}
    for name in os.listdir(d.tmp):
        if name == base or name.startswith(base + "."):
            out[name] = os.path.getsize(os.path.join(d.tmp, name))
    return out


def test_stdout_rotation_keeps_every_byte_under_the_backup_limit(supervisord):
    # 50 lines of 100 bytes (5000 bytes), then wait for {tmp}/go, then 70 more.
    d = supervisord.start(r"""
[program:x]
command=sh -c "i=0; while [ $i -lt 50 ]; do printf '%%099d\n' $i; i=$((i+1)); sleep 0.01; done; while [ ! -e {tmp}/go ]; do sleep 0.05; done; while [ $i -lt 120 ]; do printf '%%099d\n' $i; i=$((i+1)); sleep 0.01; done; exec sleep 1000"
startsecs=0
stdout_logfile={tmp}/x.log
stdout_logfile_maxbytes=1KB
stdout_logfile_backups=5
""")
    harness.wait_until(lambda: sum(_sizes(d, "x.log").values()) >= 5000, timeout=10,
                       message="5000 bytes in x.log*")
    sizes = _sizes(d, "x.log")
    assert sum(sizes.values()) == 5000, sizes
    assert {"x.log", "x.log.1", "x.log.2", "x.log.3"} <= set(sizes), sizes
    for name, size in sizes.items():
        if name != "x.log":
            assert size >= 1024, sizes  # rotated only once past maxbytes
    # Every line is there once, in order, across the files (oldest first).
    order = sorted((n for n in sizes if n != "x.log"), key=lambda n: -int(n.rsplit(".", 1)[1]))
    text = "".join(d.read(n) for n in order + ["x.log"])
    assert text == "".join("%099d\n" % i for i in range(50))

    d.write_file("go", "")
    harness.wait_until(lambda: "%099d\n" % 119 in d.read("x.log"), timeout=10,
                       message="the last line in x.log")
    sizes = _sizes(d, "x.log")
    assert set(sizes) == {"x.log", "x.log.1", "x.log.2", "x.log.3", "x.log.4", "x.log.5"}, sizes
    assert "x.log.6" not in sizes


def test_redirect_stderr_puts_stderr_in_stdout_log(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo to-out; echo to-err >&2; exec sleep 1000"
startsecs=0
redirect_stderr=true
stdout_logfile={tmp}/x.log
""")
    text = d.wait_for_file("x.log", lambda t: "to-out" in t and "to-err" in t)
    assert sorted(text.splitlines()) == ["to-err", "to-out"]
    info = d.info("x")
    assert info["stderr_logfile"] == ""
    assert "to-err" in d.tail_child_log("x", "stdout")


def test_separate_stderr_logfile(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo to-out; echo to-err >&2; exec sleep 1000"
startsecs=0
stdout_logfile={tmp}/x.log
stderr_logfile={tmp}/x.err
""")
    assert d.wait_for_file("x.log", lambda t: "to-out" in t) == "to-out\n"
    assert d.wait_for_file("x.err", lambda t: "to-err" in t) == "to-err\n"
    info = d.info("x")
    assert info["stdout_logfile"] == os.path.join(d.tmp, "x.log")
    assert info["stderr_logfile"] == os.path.join(d.tmp, "x.err")
    assert d.tail_child_log("x", "stderr") == "to-err\n"
    assert d.tail_child_log("x", "stdout") == "to-out\n"


def test_auto_child_logs_in_childlogdir(supervisord):
    d = supervisord.start("""
[program:x]
command=sh -c "echo hello; echo oops >&2; exec sleep 1000"
startsecs=0
""")
    info = d.wait_for_state("x", "RUNNING")
    for key, prefix, expected in (("stdout_logfile", "x-stdout---supervisor-", "hello\n"),
                                  ("stderr_logfile", "x-stderr---supervisor-", "oops\n")):
        path = info[key]
        assert os.path.dirname(path) == d.childlogdir, path
        base = os.path.basename(path)
        assert base.startswith(prefix) and base.endswith(".log"), base
        assert d.wait_for_file(path, lambda t: t.endswith("\n")) == expected


def test_output_written_just_before_exit_is_logged_before_the_exit(supervisord):
    # Each child writes 60 KB (most of a pipe's buffer) and exits at once, so its exit
    # and its unread output reach the daemon together. The debug main log must show
    # every child's output before that child's "exited:" line: what a process said is
    # recorded before its exit is acted on.
    d = supervisord.start(r"""
[program:x]
command=sh -c "i=0; while [ $i -lt 600 ]; do printf '%%099d\n' $i; i=$((i+1)); done; echo last-words-%(process_num)d; exit 3"
process_name=x_%(process_num)d
numprocs=10
startsecs=0
autorestart=false
stdout_logfile={tmp}/x_%(process_num)d.log
""")
    for n in range(10):
        d.wait_for_state("x:x_%d" % n, "EXITED")
    log = d.read("supervisord.log")
    for n in range(10):
        exited = log.index("exited: x_%d (exit status 3" % n)
        assert "last-words-%d" % n in log[:exited], "x_%d: exit logged before its output" % n
        assert d.read("x_%d.log" % n).endswith("last-words-%d\n" % n)


def test_logs_on_a_filesystem_mounted_below_dev(supervisord):
    # /dev/shm is a tmpfs in most containers: its files are ordinary files, created and
    # rotated like any other (only /dev/stdout-like names are left alone).
    shm = tempfile.mkdtemp(prefix="sv-e2e-", dir="/dev/shm")
    try:
        d = supervisord.start("""
[program:x]
command=sh -c "i=0; while [ $i -lt 30 ]; do printf '%%099d\\n' $i; i=$((i+1)); sleep 0.01; done; exec sleep 1000"
startsecs=0
stdout_logfile={shm}/x.log
stdout_logfile_maxbytes=1KB
stdout_logfile_backups=5
""".replace("{shm}", shm))
        d.wait_for_state("x", "RUNNING")
        names = lambda: sorted(n for n in os.listdir(shm) if n.startswith("x.log"))
        harness.wait_until(lambda: sum(os.path.getsize(os.path.join(shm, n)) for n in names()) >= 3000,
                           timeout=10, message="3000 bytes in %s/x.log*" % shm)
        # Rotated (how often depends on how the output arrived in reads), nothing lost.
        backups = sorted((n for n in names() if n != "x.log"), key=lambda n: -int(n.rsplit(".", 1)[1]))
        assert "x.log.1" in backups, names()
        text = "".join(d.read(os.path.join(shm, n)) for n in backups + ["x.log"])
        assert text == "".join("%099d\n" % i for i in range(30))
    finally:
        shutil.rmtree(shm, ignore_errors=True)


def _output_targets(d, name):
    pid = d.info(name)["pid"]
    return [os.readlink("/proc/%d/fd/%d" % (pid, fd)) for fd in (1, 2)]


def test_output_nobody_reads_goes_to_dev_null(supervisord, impl):
    # NONE logs, no capture, no events, no syslog, loglevel above debug: what the child
    # writes there is dropped by both daemons. The reference reads it from a pipe to drop
    # it; ours gives the child /dev/null (docs/compatibility.md). Any consumer keeps a pipe.
    d = supervisord.start("""
[program:quiet]
command=sh -c "echo out; echo err >&2; exec sleep 1000"
startsecs=0
stdout_logfile=NONE
stderr_logfile=NONE

[program:errlogged]
command=sh -c "echo out; echo err >&2; exec sleep 1000"
startsecs=0
stdout_logfile=NONE
stderr_logfile={tmp}/err.log

[program:captured]
command=sleep 1000
startsecs=0
stdout_logfile=NONE
stderr_logfile=NONE
stdout_capture_maxbytes=1KB
stderr_events_enabled=true
""", loglevel="info")
    for name in ("quiet", "errlogged", "captured"):
        d.wait_for_state(name, "RUNNING")
    assert d.wait_for_file("err.log", lambda t: "err" in t) == "err\n"
    pipe = "pipe:["
    if impl == "ours":
        assert _output_targets(d, "quiet") == ["/dev/null", "/dev/null"]
        out, err = _output_targets(d, "errlogged")
        assert out == "/dev/null" and err.startswith(pipe), (out, err)
    else:
        assert all(t.startswith(pipe) for t in _output_targets(d, "quiet") + _output_targets(d, "errlogged"))
    assert all(t.startswith(pipe) for t in _output_targets(d, "captured"))
    assert d.info("quiet")["stdout_logfile"] == "" and d.info("quiet")["stderr_logfile"] == ""


def test_output_with_no_log_file_is_echoed_to_the_main_log_at_debug(supervisord):
    # At loglevel debug the main log shows child output, so the pipe stays.
    d = supervisord.start("""
[program:quiet]
command=sh -c "echo hello-from-quiet; exec sleep 1000"
startsecs=0
stdout_logfile=NONE
stderr_logfile=NONE
""", loglevel="debug")
    d.wait_for_log(r"'quiet' stdout output:\nhello-from-quiet")
    assert all(t.startswith("pipe:[") for t in _output_targets(d, "quiet"))
