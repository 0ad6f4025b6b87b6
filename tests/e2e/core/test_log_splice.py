"""Output that nothing but its log file wants (no line formatting, capture mode, events,
syslog, readiness pattern or debug echo: loglevel info) goes from the child's pipe to the
file by splice(2) in our daemon. These tests check what must not change with that: every
byte lands once and in order across rotations, rotated files hold exactly maxbytes, live
readers and readProcessStdoutLog see the bytes, /metrics counts them; and that the pipe is
really spliced (the daemon's own read(2) count, /proc/PID/io `rchar`, does not grow with
the output), which is ours alone."""

import os
import random
import re
import socket

import harness

MAXBYTES = 100 * 1024


def _data(d, name, size, seed):
    """A file of ``size`` pseudo-random bytes (every byte value, no line structure)."""
    data = random.Random(seed).randbytes(size)
    with open(os.path.join(d.tmp, name), "wb") as f:
        f.write(data)
    return data


def _log_files(d, base):
    """The log and its numbered backups, oldest first."""
    backups = sorted((n for n in os.listdir(d.tmp) if re.fullmatch(re.escape(base) + r"\.\d+", n)),
                     key=lambda n: -int(n.rsplit(".", 1)[1]))
    return backups + [base]


def _logged(d, base):
    return b"".join(open(os.path.join(d.tmp, n), "rb").read() for n in _log_files(d, base))


def _cat(name, data_file, extra="", maxbytes=MAXBYTES, then=""):
    return """
[program:%s]
command=sh -c 'cat {tmp}/%s%s'
autostart=false
autorestart=false
startsecs=0
stdout_logfile={tmp}/%s.log
stdout_logfile_maxbytes=%d
stdout_logfile_backups=100
%s
""" % (name, data_file, then, name, maxbytes, extra)


def _run_to_the_end(d, name, size):
    """Starts ``name`` and waits until its logs hold ``size`` bytes."""
    d.rpc.supervisor.startProcess(name, False)
    harness.wait_until(lambda: sum(os.path.getsize(os.path.join(d.tmp, n)) for n in _log_files(d, name + ".log"))
                       >= size, timeout=60, message="%d bytes in %s.log*" % (size, name))


def test_a_fast_writer_lands_byte_for_byte_across_many_rotations(supervisord, impl):
    size = 6 * 1024 * 1024 + 12345  # 61 full files and a part
    d = supervisord.new(_cat("x", "data"), loglevel="info")
    data = _data(d, "data", size, seed=1)
    d.start()
    _run_to_the_end(d, "x", size)
    d.wait_for_state("x", "EXITED")
    files = _log_files(d, "x.log")
    assert len(files) == size // MAXBYTES + 1 or impl == "reference", files
    assert _logged(d, "x.log") == data
    if impl == "ours":
        # Rotated at maxbytes exactly (the reference rolls over after the write that passes it).
        sizes = [os.path.getsize(os.path.join(d.tmp, n)) for n in files]
        assert sizes[:-1] == [MAXBYTES] * (len(files) - 1) and sizes[-1] == size % MAXBYTES, sizes


def _follow(d, path):
    """A socket streaming ``path`` (HTTP/1.0, so the body is the raw bytes), past its head."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.connect(d.sock)
    sock.sendall(b"GET %s HTTP/1.0\r\n\r\n" % path.encode())
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        assert chunk, "closed before the head: %r" % received
        received += chunk
    head, body = received.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.0 200") or head.startswith(b"HTTP/1.1 200"), head
    assert b"chunked" not in head.lower(), head
    return sock, body


def test_live_tail_and_readProcessStdoutLog_see_every_spliced_byte(supervisord, impl):
    d = supervisord.start("""
[program:x]
command=%s
startsecs=0
stdout_logfile={tmp}/x.log
stdout_logfile_maxbytes=0
""" % harness.program_command("numbered_lines.py", "0.0005"), loglevel="info")
    # Well under way (spliced, for ours) before the reader comes.
    d.wait_for_file("x.log", lambda text: "line-300\n" in text, timeout=20)
    sock, body = _follow(d, "/logtail/x")
    try:
        while body.count(b"\n") < 1500:
            chunk = sock.recv(65536)
            assert chunk, "the tail ended"
            body += chunk
    finally:
        sock.close()
    # The first bytes are the end of what the file held: from its first whole line on, the
    # stream must go on without a gap or a repeat.
    lines = body[body.index(b"line-"):].split(b"\n")[:-1]
    numbers = [int(line[len(b"line-"):]) for line in lines]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "a gap or a repeat in the tail"
    d.rpc.supervisor.stopProcess("x")
    logged = open(os.path.join(d.tmp, "x.log"), "rb").read()
    assert logged == b"".join(b"line-%d\n" % n for n in range(len(logged.split(b"\n")) - 1))
    assert b"\n".join(lines) in logged
    assert d.rpc.supervisor.readProcessStdoutLog("x", 0, 0).encode() == logged


def _read_chars(pid):
    """What the process has read with read(2) and the like, in bytes (not splice(2)); the
    reads of the children it has reaped are added to it."""
    with open("/proc/%d/io" % pid) as f:
        return int(re.search(r"^rchar: (\d+)$", f.read(), re.M)[1])


def _logged_bytes(d, name):
    from api.test_metrics import samples, scrape, value
    return value(samples(scrape(d)[1]), "supervisord_log_bytes_total", group=name, process=name, stream="stdout")


def test_plain_output_is_spliced_formatted_output_is_read_both_are_counted(supervisord, impl):
    harness.deliberate_difference(impl, "the reference reads every byte of the output")
    size = 16 * 1024 * 1024
    # The writers stay (their cat's reads would count as the daemon's once it reaped them).
    stay = "; exec sleep 1000"
    d = supervisord.new(_cat("plain", "data", maxbytes=size // 10, then=stay) +
                        _cat("stamped", "data", "stdout_log_timestamps=true", maxbytes=size // 10, then=stay),
                        loglevel="info")
    _data(d, "data", size, seed=2)
    d.start()

    def log_all(name):
        """The daemon's reads while ``name`` writes the data and /metrics counts all of it."""
        before = _read_chars(d.proc.pid)
        d.rpc.supervisor.startProcess(name, False)
        harness.wait_until(lambda: _logged_bytes(d, name) == size, timeout=60,
                           message="/metrics counting the %d bytes of %s" % (size, name))
        return _read_chars(d.proc.pid) - before
    spliced = log_all("plain")
    # The requests of the test are all the daemon reads meanwhile.
    assert spliced < size // 16, "the daemon read %d bytes of %d" % (spliced, size)
    assert _logged(d, "plain.log") == open(os.path.join(d.tmp, "data"), "rb").read()
    read = log_all("stamped")
    assert read >= size, "the daemon read %d bytes of %d" % (read, size)
