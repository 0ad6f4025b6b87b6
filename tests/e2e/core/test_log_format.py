"""Log lines (issue 16): timestamps, prefixes, colour and JSON lines in what the child log
files get; the output itself (events, the main log's echo) stays as the child wrote it."""

import base64
import datetime
import json
import os
import re
import select
import sys

import harness

STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}"
MAIN_LOG_LINE = re.compile(STAMP + r" [A-Z]+ ")


def _ours(impl):
    harness.deliberate_difference(impl, "the *_log_* line keys are ours; the reference ignores them")


def _stamp_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S,%f")


def test_each_line_has_the_time_it_arrived(supervisord, impl):
    _ours(impl)
    d = supervisord.start("""
[program:x]
command=sh -c "echo one; sleep 0.2; echo two; sleep 0.2; echo three; exec sleep 1000"
startsecs=0
stdout_logfile={tmp}/x.log
stdout_log_timestamps=true
""")
    text = d.wait_for_file("x.log", lambda t: t.endswith("three\n"))
    match = re.fullmatch(r"(%s) one\n(%s) two\n(%s) three\n" % (STAMP, STAMP, STAMP), text)
    assert match, text
    times = [_stamp_time(stamp) for stamp in match.groups()]
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    assert all(0.15 <= gap < 2 for gap in gaps), (gaps, text)
    assert abs((datetime.datetime.now() - times[0]).total_seconds()) < 60, text


def test_a_partial_line_gets_one_timestamp_and_prefix(supervisord, impl):
    _ours(impl)
    d = supervisord.start(r"""
[program:x]
command=sh -c "printf part; while [ ! -e {tmp}/go ]; do sleep 0.02; done; printf 'ial\nnext\n'; exec sleep 1000"
startsecs=0
stdout_logfile={tmp}/x.log
stdout_log_timestamps=true
stdout_log_timestamp_format=%H:%M:%S.%f
stdout_log_prefix="%(program_name)s | "
stdout_events_enabled=true
""")
    stamp = r"\d\d:\d\d:\d\d\.\d{3}"
    first = d.wait_for_file("x.log", lambda t: "part" in t)
    assert re.fullmatch(stamp + r" x \| part", first), first
    d.write_file("go", "")
    text = d.wait_for_file("x.log", lambda t: t.endswith("next\n"))
    assert re.fullmatch(r"(%s) x \| partial\n(%s) x \| next\n" % (stamp, stamp), text), text
    # Readers of the log see the file as it is; the main log's echo has the raw output.
    assert d.tail_child_log("x") == text
    assert d.rpc.supervisor.tailProcessStdoutLog("x", 0, 1000) == [text, len(text), False]
    assert "'x' stdout output:\npart" in d.main_log()
    assert "'x' stdout output:\nial\nnext\n" in d.main_log()


def _json_child(d):
    """A child writing text, JSON-hostile characters, bytes that are not UTF-8, a 1 MB line and
    a last line without a newline, then exiting; returns what it writes."""
    written = (b"plain\n" + "\u00e9t\u00e9 \"quoted\"\t\\ \u2028\n".encode()
               + bytes(b for b in range(256) if b != 10) + b"\n" + b"\xff\xfe\n"
               + b"y" * 1_000_000 + b"\n" + b"last words")
    d.write_file("child.py", "import os, sys\n"
                 "data = open(sys.argv[1], 'rb').read()\n"
                 "while data:\n"
                 "    data = data[os.write(1, data[:100000]):]\n")
    with open(os.path.join(d.tmp, "written"), "wb") as f:
        f.write(written)
    return written


def _log_files(d, base):
    """The log and its backups, oldest first."""
    names = [n for n in os.listdir(d.tmp) if n.startswith(base + ".")]
    names.sort(key=lambda n: -int(n.rsplit(".", 1)[1]))
    return [os.path.join(d.tmp, n) for n in names + [base]]


def test_json_lines_parse_carry_the_fields_and_lose_nothing(supervisord, impl):
    _ours(impl)
    d = supervisord.new()
    written = _json_child(d)
    d.write_conf("""
[group:site]
programs=x

[program:x]
command=%s {tmp}/child.py {tmp}/written
startsecs=0
autorestart=false
stdout_logfile={tmp}/x.log
stdout_logfile_maxbytes=100KB
stdout_logfile_backups=50
stdout_log_format=json
""" % sys.executable, loglevel="info")
    d.start()
    d.wait_for_state("site:x", "EXITED", timeout=30)
    pid = int(d.wait_for_log(r"spawned: 'x' with pid (\d+)")[0].group(1))
    objects = []
    for path in _log_files(d, "x.log"):
        with open(path, "rb") as f:
            content = f.read()
        # No line is split across two files: each holds whole JSON lines.
        assert content.endswith(b"\n"), path
        objects += [json.loads(line) for line in content.split(b"\n")[:-1]]
    assert len(_log_files(d, "x.log")) > 10, "the 1 MB line rotated the 100 KB log"
    for obj in objects:
        assert obj["program"] == "x" and obj["process"] == "x" and obj["group"] == "site", obj
        assert obj["stream"] == "stdout" and obj["pid"] == pid, obj
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", obj["time"]), obj
        assert len(obj["message"].encode()) <= 65536 or "message_base64" in obj
    # The exact bytes: message_base64 where the message is not UTF-8; a partial object's line
    # goes on in the next one; the last line had no newline.
    rebuilt = b""
    for obj in objects:
        exact = base64.b64decode(obj["message_base64"]) if "message_base64" in obj else obj["message"].encode()
        rebuilt += exact + (b"" if obj.get("partial") or obj is objects[-1] else b"\n")
    assert rebuilt == written
    assert [obj["message"] for obj in objects[:2]] == ["plain", "\u00e9t\u00e9 \"quoted\"\t\\ \u2028"]
    assert "message_base64" not in objects[1]
    assert objects[2]["message"].startswith("\x00\x01") and "\ufffd" in objects[2]["message"]
    assert objects[3]["message"] == "\ufffd\ufffd"
    long_line = objects[4:20]
    assert [len(obj["message"]) for obj in long_line] == [65536] * 15 + [1_000_000 - 15 * 65536]
    assert [obj.get("partial") for obj in long_line] == [True] * 15 + [None], "the last piece ends the line"
    assert "partial" not in objects[-1] and objects[-1]["message"] == "last words"


def test_prefixed_lines_of_three_programs_on_the_daemon_stdout_never_mix(supervisord, impl):
    _ours(impl)
    d = supervisord.new()
    # Each line in two writes, so that without holding partial lines back they would mix.
    d.write_file("child.py", "import os, sys, time\n"
                 "name = sys.argv[1].encode()\n"
                 "for i in range(300):\n"
                 "    os.write(1, name + b'-%d-' % i)\n"
                 "    time.sleep(0.0005)\n"
                 "    os.write(1, b'x' * 50 + b'\\n')\n"
                 "os.write(1, b'done\\n')\n")
    programs = "".join("""
[program:%s]
command=%s {tmp}/child.py %s
startsecs=0
autorestart=false
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0
stdout_log_prefix="%%(program_name)s | "
""" % (name, sys.executable, name) for name in "abc")
    d.write_conf(programs, loglevel="info")
    d.start()

    def finished():
        out = d.daemon_output()
        return out if all("%s | done\n" % name in out for name in "abc") else None
    out = harness.wait_until(finished, timeout=30, message="every program's last line on the daemon's stdout")
    seen = {name: [] for name in "abc"}
    for line in out.splitlines():
        if MAIN_LOG_LINE.match(line):
            continue
        match = re.fullmatch(r"([abc]) \| ([abc])-(\d+)-(x*)|([abc]) \| done", line)
        assert match, "a line that is not whole: %r" % line
        if match.group(5):
            continue
        assert match.group(1) == match.group(2) and match.group(4) == "x" * 50, line
        seen[match.group(1)].append(int(match.group(3)))
    assert seen == {name: list(range(300)) for name in "abc"}


def test_the_prefix_is_coloured_on_a_terminal_only(supervisord, impl):
    _ours(impl)
    master, slave = os.openpty()
    try:
        d = supervisord.start("""
[program:web]
command=sh -c "echo to-terminal; echo to-file >&2; exec sleep 1000"
startsecs=0
stdout_logfile=%s
stdout_logfile_maxbytes=0
stdout_log_prefix="%%(program_name)s | "
stderr_logfile={tmp}/err.log
stderr_log_prefix="%%(program_name)s | "
""" % os.ttyname(slave))
        received = b""

        def read_terminal():
            nonlocal received
            while select.select([master], [], [], 0)[0]:
                received += os.read(master, 4096)
            return b"to-terminal" in received
        harness.wait_until(read_terminal, message="the line on the terminal")
        assert re.fullmatch(rb"\x1b\[3[1-6]mweb \| \x1b\[0mto-terminal\r?\n", received), received
        assert d.wait_for_file("err.log") == "web | to-file\n"
    finally:
        os.close(master)
        os.close(slave)


def test_a_fast_writer_s_json_lines_are_all_in_the_files_when_its_exit_is_reported(supervisord, impl):
    """JSON lines are written by a thread of their own (the loop formats the next ones
    meanwhile): when the exit is reported, every line is in the files, and the log APIs read
    them all, however far behind that thread was."""
    _ours(impl)
    count = 300_000
    d = supervisord.new()
    with open(os.path.join(d.tmp, "child.py"), "w") as f:
        f.write("import sys\nsys.stdout.writelines('line-%%d %%s\\n' %% (i, 'x' * 60) for i in range(%d))\n" % count)
    d.write_conf("""
[program:x]
command=%s {tmp}/child.py
autostart=false
startsecs=0
autorestart=false
stdout_logfile={tmp}/x.log
stdout_logfile_maxbytes=5MB
stdout_logfile_backups=20
stdout_log_format=json
""" % sys.executable, loglevel="info")
    d.start()
    d.rpc.supervisor.startProcess("x")
    # The state is read once EXITED is reported, and the files right after: no waiting for them.
    d.wait_for_state("x", "EXITED", timeout=60)
    contents = []
    for path in _log_files(d, "x.log"):
        with open(path, "rb") as f:
            contents.append((path, f.read()))
    numbers = []
    for path, content in contents:
        assert content.endswith(b"\n"), path
        numbers += [int(json.loads(line)["message"].split()[0][5:]) for line in content.split(b"\n")[:-1]]
    assert len(contents) > 5, "the lines rotated the 5 MB log"
    assert numbers == list(range(count))
    tail = d.rpc.supervisor.tailProcessStdoutLog("x", 0, 400)[0]
    assert tail.endswith('"message":"line-%d %s"}\n' % (count - 1, "x" * 60)), tail
