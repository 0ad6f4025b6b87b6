"""Log files that cannot be written (a full disk): reported once, retried, resumed.

The target is a small tmpfs mounted for the test and filled up, so writes fail with
ENOSPC for real; deleting the filler makes room again. Ours only: on each failed write
the reference prints a Python traceback to its stderr and says nothing in the main log
(docs/compatibility.md).
"""

import errno
import os
import re
import subprocess
import tempfile

import pytest

import harness

REASON = ("the reference prints a traceback to stderr on every failed log write and "
          "never reports it in the main log or says when logging works again")


class FullTmpfs:
    """A 64 KiB tmpfs whose space is all taken by a filler file (unless ``full`` is false:
    then until ``fill``)."""

    def __init__(self, full=True):
        self.path = tempfile.mkdtemp(prefix="sv-e2e-tmpfs-", dir="/tmp")
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", self.path],
                               capture_output=True, text=True)
        if mount.returncode != 0:
            os.rmdir(self.path)
            pytest.skip("cannot mount a small tmpfs to fill up (needs root and mount "
                        "permission): %s" % mount.stderr.strip())
        self.filler = os.path.join(self.path, "filler")
        if full:
            self.fill()

    def fill(self):
        with open(self.filler, "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc

    def make_room(self):
        os.unlink(self.filler)

    def unmount(self):
        # Lazily if a process outlived its daemon's teardown and still holds a file here.
        if subprocess.run(["umount", self.path], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", self.path], capture_output=True)
        os.rmdir(self.path)


@pytest.fixture
def full_tmpfs():
    # Requested before `supervisord`, so the daemons are stopped before the unmount.
    fs = FullTmpfs()
    yield fs
    fs.unmount()


@pytest.fixture
def empty_tmpfs():
    fs = FullTmpfs(full=False)
    yield fs
    fs.unmount()


def _writer(log, tail=""):
    """[program:x], writing line-1, line-2, ... (each followed by ``tail``) to ``log``; every
    line also goes to stderr, logged outside the tmpfs: it counts the writes."""
    return """
[program:x]
command=sh -c "i=0; while true; do i=$((i+1)); echo line-$i%s; echo line-$i%s >&2; sleep 0.02; done"
startsecs=0
stdout_logfile=%s
stderr_logfile={tmp}/x.err
""" % (tail, tail, log)


def _lines(text):
    return [int(n) for n in re.findall(r"^line-(\d+)$", text, re.M)]


def test_a_full_child_log_is_reported_once_and_logging_resumes(full_tmpfs, supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    log = os.path.join(full_tmpfs.path, "x.log")
    d = supervisord.start(_writer(log), loglevel="info")
    # Twenty lines that could not be written: one error, naming the file and the errno.
    d.wait_for_file("x.err", lambda t: len(_lines(t)) >= 20)
    failure = r"ERRO could not write to %s: ENOSPC \(No space left on device\)$" % re.escape(log)
    assert len(re.findall(failure, d.main_log(), re.M)) == 1, d.main_log()
    assert d.read(log) == ""
    _resumes_once_there_is_room(d, full_tmpfs, log, failure, _lines)


def _resumes_once_there_is_room(d, fs, log, failure, lines):
    """Makes room on ``fs``: the log gets ``x``'s lines again, says so once, and nothing more
    is reported while lines keep coming (stderr, x.err, counts them)."""
    fs.make_room()
    freed_after = max(lines(d.read("x.err")))
    d.wait_for_file(log, lambda t: any(n > freed_after for n in lines(t)))
    d.wait_for_log(r"INFO resumed logging to %s$" % re.escape(log))
    # Lines keep coming, and nothing more is reported.
    written = max(lines(d.read(log)))
    d.wait_for_file(log, lambda t: max(lines(t)) >= written + 10)
    main = d.main_log()
    assert len(re.findall(failure, main, re.M)) == 1, main
    assert len(re.findall(r"could not|resumed logging", main)) == 2, main


def test_a_disk_filling_up_under_a_spliced_log_is_reported_once_and_logging_resumes(empty_tmpfs, supervisord,
                                                                                     impl):
    harness.deliberate_difference(impl, REASON)
    log = os.path.join(empty_tmpfs.path, "x.log")
    # Plain output at loglevel info: our daemon splices it into the file. Long lines (a
    # number and 100 x), so that the room left in the file's last page is soon used up.
    pad = "x" * 100
    lines = lambda text: [int(n) for n in re.findall(r"^line-(\d+) %s$" % pad, text, re.M)]
    d = supervisord.start(_writer(log, " " + pad), loglevel="info")
    _fills_up_and_resumes(d, empty_tmpfs, log, lines)


def _fills_up_and_resumes(d, fs, log, lines):
    """``fs`` fills up under ``log`` while ``x`` writes: one error, nothing more while lines
    go on (x.err counts them), then the resumption; what fitted is whole lines in order (the
    lines written while the disk was full are missing, none is repeated)."""
    d.wait_for_file(log, lambda t: len(lines(t)) >= 20)
    fs.fill()
    failure = r"ERRO could not write to %s: ENOSPC \(No space left on device\)$" % re.escape(log)
    d.wait_for_log(failure)
    filled_after = max(lines(d.read("x.err")))
    d.wait_for_file("x.err", lambda t: max(lines(t)) >= filled_after + 20)
    assert len(re.findall(failure, d.main_log(), re.M)) == 1, d.main_log()
    _resumes_once_there_is_room(d, fs, log, failure, lines)
    numbers = lines(d.read(log))
    assert numbers == sorted(set(numbers)) and numbers[0] == 1, numbers[:30]


def test_a_disk_filling_up_under_json_lines_is_reported_once_and_logging_resumes(empty_tmpfs, supervisord, impl):
    """JSON lines are written by a thread of their own: its failures reach the main log
    the same way, once when they start and once when writing works again."""
    harness.deliberate_difference(impl, REASON)
    log = os.path.join(empty_tmpfs.path, "x.log")
    pad = "x" * 100

    # The log's JSON lines, and x.err's plain ones; a line the disk cut short matches neither.
    lines = lambda text: [int(n) for n in re.findall(r'^(?:{.*"message":")?line-(\d+) %s(?:"})?$' % pad, text, re.M)]
    d = supervisord.start(_writer(log, " " + pad) + "stdout_log_format=json\n", loglevel="info")
    _fills_up_and_resumes(d, empty_tmpfs, log, lines)


def test_a_full_main_log_is_reported_once_on_stderr_and_logging_resumes(full_tmpfs, supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.new("""
[program:x]
command=sleep 1000
autostart=false
startsecs=0
""", loglevel="info")
    d.logfile = os.path.join(full_tmpfs.path, "supervisord.log")
    with open(d.conf_path) as f:
        conf = f.read().replace("logfile=%s/supervisord.log" % d.tmp, "logfile=" + d.logfile, 1)
    with open(d.conf_path, "w") as f:
        f.write(conf)
    d.start()
    # The startup lines could not be written: said once on stderr (the daemon's output).
    failure = r"ERRO could not write to %s: ENOSPC \(No space left on device\)$" % re.escape(d.logfile)
    harness.wait_until(lambda: re.search(failure, d.daemon_output(), re.M),
                       message="the failure on stderr")
    assert d.main_log() == ""
    d.rpc.supervisor.startProcess("x")
    d.wait_for_state("x", "RUNNING")

    full_tmpfs.make_room()
    d.rpc.supervisor.stopProcess("x")
    d.wait_for_log(r"INFO resumed logging to %s$" % re.escape(d.logfile))
    # The first line written says so, right after itself.
    lines = d.main_log().splitlines()
    assert lines[1].endswith(" INFO resumed logging to " + d.logfile), lines
    assert sum("resumed logging" in line for line in lines) == 1, lines
    assert len(re.findall(failure, d.daemon_output(), re.M)) == 1, d.daemon_output()
