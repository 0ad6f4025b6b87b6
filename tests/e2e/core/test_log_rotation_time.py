"""Log rotation by time (`*_logfile_rotate`), `*_logfile_maxage`, gzip compression of
rotated files (`*_logfile_compress`), for child logs and the daemon's own log, and the
daemon's JSON log lines (`logfile_format=json`). All are extensions the reference ignores.

The daemon's log clock is put a few seconds before a full hour with
SUPERVISOR_CLOCK_OFFSET (for testing only), so a boundary passes while a child writes."""

import gzip
import json
from datetime import datetime
import os
import re
import time

import harness

MARGIN = 5  # seconds of the daemon's clock before the hour when it starts
NAME = re.compile(r"^(?P<label>\d{4}-\d\d-\d\dT\d\d)(?:\.(?P<index>\d+))?(?P<gz>\.gz)?$")
TS = r"^\d{4}-\d\d-\d\d (\d\d):\d\d:\d\d,\d{3} "


def _ours(impl):
    harness.deliberate_difference(impl, "log rotation by time, maxage, compression and JSON logs are ours")


def _clock_before_next_hour(margin=MARGIN):
    """(offset, old label, new label): SUPERVISOR_CLOCK_OFFSET putting the daemon's clock
    ``margin`` seconds before the next full local hour, and the hourly labels either side."""
    now = time.time()
    local = time.localtime(now)
    boundary = now - (local.tm_min * 60 + local.tm_sec + now % 1) + 3600
    offset = boundary - now - margin
    label = lambda t: time.strftime("%Y-%m-%dT%H", time.localtime(t))
    return offset, label(boundary - 1), label(boundary + 1)


def _start(supervisord, programs, extra="", offset=None, loglevel="debug"):
    d = supervisord.new(programs, supervisord_extra=extra, loglevel=loglevel)
    if offset is not None:
        inherited = d.env
        d.env = lambda: dict(inherited(), SUPERVISOR_CLOCK_OFFSET="%.3f" % offset)
    return d.start()


def _contents(d, name):
    data = open(os.path.join(d.tmp, name), "rb").read()
    return gzip.decompress(data) if name.endswith(".gz") else data


def _windowed(d, base):
    """The rotated files of ``base`` named by hour, oldest first: {label: [names]}."""
    found = {}
    for name in os.listdir(d.tmp):
        if not name.startswith(base + "."):
            continue
        match = NAME.match(name[len(base) + 1:])
        if match:
            found.setdefault(match["label"], []).append((int(match["index"] or 0), name))
    return {label: [name for _, name in sorted(files)] for label, files in found.items()}


def _lines(data):
    return [int(n) for n in re.findall(rb"^line-(\d+)$", data, re.M)]


def _writer(extra, logfile="{tmp}/x.log"):
    return """
[program:x]
command=%s
startsecs=0
stdout_logfile=%s
%s
""" % (harness.program_command("numbered_lines.py", "0.01"), logfile, extra)


def _without_first_line(data):
    """The data after its first line, which a size rotation may have cut."""
    return data[data.index(b"\n") + 1:]


def test_hourly_rotation_names_files_by_their_hour_and_keeps_every_line(supervisord, impl):
    _ours(impl)
    offset, old, new = _clock_before_next_hour()
    d = _start(supervisord, _writer("""stdout_logfile_maxbytes=1KB
stdout_logfile_backups=100
stdout_logfile_rotate=hourly"""), offset=offset)
    # 1 KB is about 120 lines, 1.2 s: size rotations happen within both hours.
    harness.wait_until(lambda: len(_windowed(d, "x.log").get(new, [])) >= 1, timeout=MARGIN + 20,
                       message="a size rotation within the new hour")
    d.rpc.supervisor.stopProcess("x")
    files = _windowed(d, "x.log")
    assert set(files) == {old, new}, files
    olds = files[old]
    assert olds[0] == "x.log." + old and len(olds) >= 2, olds
    assert olds[1:] == ["x.log.%s.%d" % (old, i) for i in range(1, len(olds))], olds
    assert files[new][0] == "x.log." + new, files
    # Every size-rotated file reached maxbytes; the one rotated at the hour is what was left.
    for name in olds[:-1] + files[new]:
        assert os.path.getsize(os.path.join(d.tmp, name)) == 1024, name
    assert os.path.getsize(os.path.join(d.tmp, olds[-1])) < 1024
    text = b"".join(_contents(d, name) for name in olds + files[new] + ["x.log"])
    numbers = _lines(text)
    assert numbers == list(range(len(numbers))), "lines lost, repeated or out of order"
    assert text == b"".join(b"line-%d\n" % n for n in numbers)


def test_a_timestamped_line_begun_before_the_hour_ends_in_its_file_and_the_next_starts_the_new_one(
        supervisord, impl):
    _ours(impl)
    margin = 10  # the daemon starts and gets the partial line well before the hour
    offset, old, new = _clock_before_next_hour(margin)
    d = _start(supervisord, """
[program:x]
command=sh -c 'printf "begun "; while [ ! -e {tmp}/go ]; do sleep 0.05; done; printf "ended\\nafter\\n"; exec sleep 1000'
startsecs=0
stdout_logfile={tmp}/x.log
stdout_log_timestamps=true
stdout_logfile_rotate=hourly
""", offset=offset, loglevel="info")
    d.wait_for_file("x.log", lambda text: "begun" in text)
    clock = lambda: time.strftime("%Y-%m-%dT%H", time.localtime(time.time() + offset))
    harness.wait_until(lambda: clock() == new, timeout=margin + 10, message="the daemon's clock past the hour")
    d.write_file("go", "")
    # The rest of the line and the next one come together, after the hour.
    d.wait_for_file("x.log", lambda text: "after" in text)
    assert sorted(_windowed(d, "x.log")) == [old], os.listdir(d.tmp)
    finished = _contents(d, "x.log." + old).decode()
    assert re.fullmatch(TS[:-1] + r" begun ended\n", finished), finished
    assert re.match(TS, finished)[1] == old[-2:], "the daemon's clock in the timestamp: " + finished
    started = d.read("x.log")
    assert re.fullmatch(TS[:-1] + r" after\n", started), started
    assert re.match(TS, started)[1] == new[-2:], started


def test_compressed_numbered_backups_shift_and_decompress_to_the_exact_bytes(supervisord, impl):
    _ours(impl)
    d = _start(supervisord, _writer("""stdout_logfile_maxbytes=1KB
stdout_logfile_backups=3
stdout_logfile_compress=true"""))

    def rotated_enough():
        names = set(os.listdir(d.tmp))
        return "x.log.3.gz" in names and len(_lines(_contents(d, "x.log.3.gz"))) > 0 and \
            min(_lines(_contents(d, "x.log.3.gz"))) > 0
    # Past three backups: the oldest lines are gone, and x.log.3.gz is not the first file.
    harness.wait_until(rotated_enough, timeout=30, message="x.log.3.gz holding later lines")
    d.rpc.supervisor.stopProcess("x")
    harness.wait_until(lambda: not {"x.log.1", "x.log.2", "x.log.3"} & set(os.listdir(d.tmp)), timeout=10,
                       message="every backup compressed")
    names = {n for n in os.listdir(d.tmp) if n.startswith("x.log")}
    assert names == {"x.log", "x.log.1.gz", "x.log.2.gz", "x.log.3.gz"}, names
    text = _without_first_line(b"".join(_contents(d, n) for n in ["x.log.3.gz", "x.log.2.gz", "x.log.1.gz", "x.log"]))
    numbers = _lines(text)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "a gap or a repeat"
    assert text == b"".join(b"line-%d\n" % n for n in numbers)
    for name in ["x.log.1.gz", "x.log.2.gz", "x.log.3.gz"]:
        assert len(_contents(d, name)) == 1024, name


def test_maxage_deletes_old_rotated_files_at_start_and_at_each_rotation(supervisord, impl):
    _ours(impl)
    d = supervisord.new(_writer("""stdout_logfile_maxbytes=1KB
stdout_logfile_maxage=2d"""))
    days_ago = lambda days: time.time() - days * 86400
    old_files = ["x.log.2020-01-01T00.gz", "x.log.2020-01-02", "x.log.4", "x.log.5.gz"]
    kept = ["x.log.2026-01-01T10", "x.log.3", "x.log.notes"]
    for name in old_files + kept + ["x.log.6.gz.tmp"]:
        d.write_file(name, "x\n")
    for name in old_files + ["x.log.notes"]:
        path = os.path.join(d.tmp, name)
        os.utime(path, (days_ago(3), days_ago(3)))
    d.start()
    names = set(os.listdir(d.tmp))
    assert not (set(old_files) | {"x.log.6.gz.tmp"}) & names, names
    assert set(kept) <= names, names
    # Aged while the daemon runs: deleted at the next rotation.
    os.utime(os.path.join(d.tmp, "x.log.3"), (days_ago(3), days_ago(3)))
    harness.wait_until(lambda: "x.log.1" in os.listdir(d.tmp), timeout=10, message="a rotation")
    names = set(os.listdir(d.tmp))
    # The rotation shifted it to x.log.4, then deleted it.
    assert not {"x.log.3", "x.log.4"} & names and "x.log.2026-01-01T10" in names, names


def test_the_daemons_own_log_rotates_by_hour_compressed(supervisord, impl):
    _ours(impl)
    offset, old, new = _clock_before_next_hour()
    d = _start(supervisord, _writer("", logfile="NONE"), offset=offset,
               extra="logfile_rotate=hourly\nlogfile_compress=true")
    rotated = "supervisord.log.%s.gz" % old
    harness.wait_until(lambda: rotated in os.listdir(d.tmp), timeout=MARGIN + 20,
                       message="%s" % rotated)
    harness.wait_until(lambda: re.search(TS, d.main_log(), re.M), timeout=10, message="a line in the new log")
    d.rpc.supervisor.stopProcess("x")
    before, after = _contents(d, rotated).decode(), d.main_log()
    # Named by the hour its lines were written in, by the daemon's (shifted) clock.
    assert "supervisord started with pid" in before
    assert set(re.findall(TS, before, re.M)) == {old[-2:]}, before[-2000:]
    assert re.findall(TS, after, re.M)[-1] == new[-2:], after[-2000:]
    # The child's output in the debug lines: every line once, in order, across the two files.
    numbers = _lines((before + after).encode())
    assert numbers and numbers == list(range(len(numbers))), "lines lost, repeated or out of order"
    assert not [n for n in os.listdir(d.tmp) if n.startswith("supervisord.log.") and n != rotated]


def test_leftovers_of_a_crash_are_compressed_or_removed_at_start(supervisord, impl):
    _ours(impl)
    d = supervisord.new("", supervisord_extra="logfile_compress=true")
    d.write_file("supervisord.log.1", "rotated before a crash\n")
    d.write_file("supervisord.log.2.gz.tmp", "a partial compression")
    d.start()
    harness.wait_until(lambda: "supervisord.log.1.gz" in os.listdir(d.tmp), timeout=10,
                       message="supervisord.log.1 compressed")
    assert _contents(d, "supervisord.log.1.gz") == b"rotated before a crash\n"
    names = {n for n in os.listdir(d.tmp) if n.startswith("supervisord.log.")}
    assert names == {"supervisord.log.1.gz"}, names


def test_json_main_log_lines_parse_and_use_the_log_clock(supervisord, impl):
    _ours(impl)
    d = _start(supervisord, """
[program:x]
command=sh -c 'printf "two\\nlines\\n"; exec sleep 1000'
startsecs=0
stdout_logfile=NONE
""", extra="logfile_format=json", offset=86400)
    d.wait_for_log(r'"message":"\'x\' stdout output:\\ntwo\\nlines\\n"')
    records = [json.loads(line) for line in d.main_log().splitlines()]
    for record in records:
        assert set(record) == {"time", "level", "message"}, record
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", record["time"]), record
        assert record["level"] in {"critical", "error", "warn", "info", "debug", "trace", "blather"}, record
        # The daemon's clock for its logs is a day ahead.
        assert abs(datetime.fromisoformat(record["time"]).timestamp() - (time.time() + 86400)) < 120, record
    assert any(r["level"] == "info" and r["message"].startswith("supervisord started with pid") for r in records)
    assert {"level": "debug", "message": "'x' stdout output:\ntwo\nlines\n"} in \
        [{"level": r["level"], "message": r["message"]} for r in records]


def test_a_bad_clock_offset_is_a_one_line_startup_error(supervisord, impl):
    _ours(impl)
    d = supervisord.new("")
    inherited = d.env
    d.env = lambda: dict(inherited(), SUPERVISOR_CLOCK_OFFSET="soon")
    code, out, err = d.run_expecting_exit()
    assert code == 2
    assert err.splitlines()[0] == (
        "Error: SUPERVISOR_CLOCK_OFFSET must be a number of seconds, such as 3600 or -0.5, not 'soon'"), out + err
