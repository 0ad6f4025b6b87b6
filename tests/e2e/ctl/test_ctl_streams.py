"""supervisorctl's long-running and interactive commands, ours against the
reference where their behaviour is deterministic enough to compare.

Coverage:

============== ===============================================================
command        what is checked
============== ===============================================================
tail -f        banner, live output, Ctrl-C prints a newline and exits 0;
               stderr channel; unknown name (404 on stderr, exit 0)
maintail -f    banner, live output, Ctrl-C
fg             argument errors, not running, unknown name; a typed line
               reaches the process and its output comes back; end of input
               detaches with "Exiting foreground"
shell (pipe)   status on entry, prompt from the config, blank lines, unknown
               syntax, quit, end of input, shutdown/reload confirmations
shell (tty)    ours only (the reference's readline output differs by design):
               tab completion of actions and names, history recall with the
               arrow keys, history saved to -r's file and recalled in a second
               session, Ctrl-D and Ctrl-C exit
fg (tty)       a typed line reaches the process, Ctrl-C detaches and the
               process keeps running with the same pid
============== ===============================================================
"""

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
import unicodedata

import pytest

import harness
from . import ctlrun

PROGRAMS = """
[program:ticker]
command=sh -c 'i=0; while true; do i=$((i+1)); echo "tick $i"; echo "tock $i" >&2; sleep 0.2; done'
startsecs=0

[program:echo]
command=cat
startsecs=0

[program:idle]
command=sleep 1000
startsecs=0
autostart=false
"""


@pytest.fixture
def daemon(supervisord):
    d = supervisord.start(PROGRAMS)
    d.wait_for_state("ticker", "RUNNING")
    d.wait_for_state("echo", "RUNNING")
    return d


@pytest.mark.parametrize("which", ctlrun.CTLS)
def test_tail_follow(daemon, which):
    for args, expect in ((["tail", "-f", "ticker"], "tick"), (["tail", "-f", "ticker", "stderr"], "tock"),
                         (["maintail", "-f"], "tick")):
        status, out, err = ctlrun.run_until_interrupted(which, daemon.conf_path, args, daemon.tmp, expect)
        assert status == 0, (args, err)
        assert out.startswith("==> Press Ctrl-C to exit <==\n"), (args, out)
        assert expect in out and out.endswith("\n\n"), (args, out)


def test_tail_follow_unknown_name(daemon):
    results = {which: ctlrun.run(which, ["tail", "-f", "nope"], conf=daemon.conf_path, tmpdirs=[daemon.tmp])
               for which in ctlrun.CTLS}
    assert results["ours"] == results["reference"]
    assert results["ours"][2] == "unix://{tmp}/supervisor.sock/logtail/nope/stdout Cannot read, status code 404\n"


def test_fg_errors(daemon):
    for args in (["fg"], ["fg", "a", "b"], ["fg", "nope"], ["fg", "idle"]):
        results = {which: ctlrun.run(which, args, conf=daemon.conf_path, tmpdirs=[daemon.tmp])
                   for which in ctlrun.CTLS}
        assert results["ours"] == results["reference"], args


@pytest.mark.parametrize("which", ctlrun.CTLS)
def test_fg_forwards_input(daemon, which):
    word = "hello-from-%s" % which
    p = subprocess.Popen([ctlrun.ctl_binary(which), "-c", daemon.conf_path, "fg", "echo"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         cwd=daemon.tmp, env=ctlrun.env())
    out = _read_until(p.stdout, b"==> Press Ctrl-C to exit <==\n")
    p.stdin.write(word.encode() + b"\n")
    p.stdin.flush()
    out += _read_until(p.stdout, word.encode())
    p.stdin.close()
    out += _read_until(p.stdout, b"Exiting foreground\n")
    if which == "reference":
        # Deliberate difference: the reference's output threads keep it alive
        # after it detaches at end of input; ours exits.
        p.kill()
    p.wait(timeout=10)
    out = out.decode()
    assert out.startswith("==> Press Ctrl-C to exit <==\n")
    assert word + "\n" in out
    assert out.endswith("Exiting foreground\n")
    if which == "ours":
        assert p.returncode == 0
    assert word in daemon.tail_child_log("echo")


def test_shell_on_a_pipe(supervisord):
    pair = ctlrun.Pair(supervisord, PROGRAMS.replace("[program:idle]", "[supervisorctl]\nprompt=mine\n\n[program:idle]"),
                       wait_running=("ticker", "echo"))
    # A second [supervisorctl] section would clash with the harness's; use the default prompt instead.
    pair.compare(["status"])
    script = b"status nope\n\n   \nhelp exit\nbogus\nversion\npid idle\nquit\nstatus\n"
    for stdin in (script, b"version", b"shutdown\nn\nreload\nno\nversion\n", b"reload\n"):
        ref = pair.run("reference", [], stdin)
        ours = pair.run("ours", [], stdin)
        assert ours == ref, stdin


def _read_until(stream, needle, timeout=10):
    data = b""
    fd = stream.fileno()
    deadline = time.monotonic() + timeout
    while needle not in data:
        assert time.monotonic() < deadline, "timed out waiting for %r; got %r" % (needle, data)
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
    return data


class Terminal:
    """Our supervisorctl on a pseudo-terminal, driven key by key."""

    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execve(argv[0], argv, ctlrun.env())
        self.output = b""

    def read(self, needle=None, timeout=5.0, since=0):
        """Collect output until ``needle`` shows up after offset ``since``
        (or, without a needle, until it goes quiet)."""
        deadline = time.monotonic() + timeout
        if needle is not None and needle in self.output[since:]:
            return self.output
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
                if needle is not None and needle in self.output[since:]:
                    return self.output
            elif needle is None:
                return self.output
        assert needle is None, "timed out waiting for %r; got %r" % (needle, self.output)
        return self.output

    def send(self, keys, expect=None, prompt=False):
        """Type ``keys`` and wait for ``expect`` in the new output, and with
        ``prompt`` also for the next prompt after it (keys typed before the
        prompt shows race with the switch to raw mode, as with readline)."""
        mark = len(self.output)
        os.write(self.fd, keys)
        self.read(expect, since=mark)
        if prompt:
            self.read(b"supervisor> ", since=self.output.index(expect, mark) + len(expect))
        return self.output[mark:]

    def wait(self, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(None, 0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        pytest.fail("our supervisorctl did not exit; output %r" % self.output)


def test_shell_on_a_terminal(daemon):
    history = os.path.join(daemon.tmp, "history")
    with open(history, "w") as f:
        f.write("version\n")
    term = Terminal([ctlrun.ctl_binary("ours"), "-c", daemon.conf_path, "-r", history])
    term.read(b"supervisor> ")
    assert b"ticker" in term.output  # the status table on entry
    # An ambiguous action lists the candidates; a unique one completes.
    listed = term.send(b"sta\t", b"status")
    assert b"start" in listed and b"status" in listed
    term.send(b"tu\t", b"status ")
    # Names complete too, and `group:*` counts as one word.
    term.send(b"tic\t", b"ticker ")
    out = term.send(b"\r", b"RUNNING", prompt=True)
    assert b"ticker                           RUNNING" in out
    # Up twice recalls the line from the history file; edit it before running.
    term.send(b"\x1b[A\x1b[A", b"version")
    term.send(b"\r", b"4.3.0", prompt=True)
    # Cursor movement: insert in the middle of the line.
    term.send(b"pd\x1b[Di\x1b[C idle\r", b"\r\n0\r\n", prompt=True)
    term.send(b"\x04")
    assert term.wait() == 0
    with open(history) as f:
        assert f.read() == "version\nstatus ticker \nversion\npid idle\n"


def test_shell_ctrl_c_exits(daemon):
    term = Terminal([ctlrun.ctl_binary("ours"), "-c", daemon.conf_path])
    term.read(b"supervisor> ")
    term.send(b"stat\x03")
    assert term.wait() == 0


def test_shell_asks_for_credentials(supervisord):
    from .test_ctl_commands import AUTH_CONF, wait_serving_with_credentials
    port = harness.free_port()
    d = supervisord.new(AUTH_CONF % {"port": port}, base=False)
    d.start(wait=False)
    wait_serving_with_credentials(d, port)
    term = Terminal([ctlrun.ctl_binary("ours"), "-c", d.conf_path])
    term.read(b"Username:")
    assert term.output.startswith(b"Server requires authentication\r\n")
    term.send(b"user\r", b"Password:")
    # The password is not echoed; the status shown on entry then succeeds.
    out = term.send(b"secret\r", b"alpha", prompt=True)
    assert b"secret" not in out
    term.send(b"version\r", b"4.3.0", prompt=True)
    term.send(b"\x04")
    assert term.wait() == 0


def test_shell_history_across_two_sessions(daemon):
    history = os.path.join(daemon.tmp, "history2")
    first = Terminal([ctlrun.ctl_binary("ours"), "-c", daemon.conf_path, "-r", history])
    first.read(b"supervisor> ")
    first.send(b"pid ticker\r", b"\r\n", prompt=True)
    first.send(b"\x04")
    assert first.wait() == 0
    second = Terminal([ctlrun.ctl_binary("ours"), "-c", daemon.conf_path, "-r", history])
    second.read(b"supervisor> ")
    # Up recalls the first session's command; running it prints the pid again.
    second.send(b"\x1b[A", b"pid ticker")
    pid = str(daemon.info("ticker")["pid"]).encode()
    second.send(b"\r", pid, prompt=True)
    second.send(b"\x04")
    assert second.wait() == 0


def test_fg_attach_and_detach_on_a_terminal(daemon):
    term = Terminal([ctlrun.ctl_binary("ours"), "-c", daemon.conf_path, "fg", "echo"])
    term.read(b"==> Press Ctrl-C to exit <==")
    # A typed line goes to the process's stdin; `cat` writes it back to its stdout log.
    term.send(b"typed-into-fg\r", b"typed-into-fg\r\n")
    harness.wait_until(lambda: "typed-into-fg" in daemon.tail_child_log("echo"), message="line in the echo log")
    pid = daemon.info("echo")["pid"]
    # Ctrl-C detaches; the process keeps running.
    term.send(b"\x03")
    term.wait()
    assert daemon.info("echo")["statename"] == "RUNNING"
    assert daemon.info("echo")["pid"] == pid


def _cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _screen(output, width):
    """What a terminal ``width`` columns wide shows after ``output``, written from
    row 0, column 0: (rows as text, cursor row, cursor column, wrap pending). It
    knows what the line editor writes: text with autowrap (the cursor waits at
    the last column until the next character, as in xterm; a wide character that
    does not fit in the rest of a row goes to the next), combining marks, CR, LF,
    cursor moves and erasures."""
    cells, row, col, pending = {}, 0, 0, False
    text, i = output.decode(errors="replace"), 0
    while i < len(text):
        m = re.match(r"\x1b\[([?0-9;]*)([A-Za-z])", text[i:])
        if m:
            arg, op = m.group(1), m.group(2)
            n = int(arg) if arg.isdigit() else 0
            if op in "ABCD":
                n = max(n, 1)
                row, col = {"A": (max(0, row - n), col), "B": (row + n, col),
                            "C": (row, min(width - 1, col + n)), "D": (row, max(0, col - n))}[op]
            elif op == "J":
                for key in [k for k in cells if k[0] > row or (k[0] == row and k[1] >= col)]:
                    del cells[key]
            elif op == "K":
                for key in [k for k in cells if k[0] == row and k[1] >= col]:
                    del cells[key]
            pending = False
            i += len(m.group(0))
            continue
        ch = text[i]
        w = _cell_width(ch)
        if ch == "\r":
            col, pending = 0, False
        elif ch == "\n":
            row, pending = row + 1, False
        elif ch >= " " and w == 0:
            c = col if pending else col - 1
            while cells.get((row, c)) == "":
                c -= 1
            if (row, c) in cells:
                cells[row, c] += ch
        elif ch >= " ":
            if pending or col + w > width:
                row, col, pending = row + 1, 0, False
            cells[row, col] = ch
            if w == 2:
                cells[row, col + 1] = ""  # the wide character's second half
            if col + w >= width:
                col, pending = width - 1, True
            else:
                col += w
        i += 1
    last = max([r for r, _ in cells] + [row])
    rows = ["".join(cells.get((r, c), " ") for c in range(width)).rstrip() for r in range(last + 1)]
    return rows, row, col, pending


def _editor_shows(term, start, line, cursor, width):
    """Waits until the screen since ``start`` shows ``line`` as a terminal lays it
    out when written straight, with the cursor after ``cursor`` characters of it
    (at the next row's start when those fill their last row), then asserts it."""
    expected = _screen(line.encode(), width)[0]
    _, row, col, pending = _screen(line[:cursor].encode(), width)
    want = (row + 1, 0) if pending else (row, col)
    deadline = time.monotonic() + 5
    while True:  # until the redraw has arrived (or 5 s)
        term.read(None, timeout=0.1)
        rows, row, col, _ = _screen(term.output[start:], width)
        same = rows[:len(expected)] == expected and not any(rows[len(expected):])
        if (same and (row, col) == want) or time.monotonic() > deadline:
            break
    assert rows[:len(expected)] == expected and not any(rows[len(expected):]), rows
    assert (row, col) == want, (rows, row, col)


def _narrow_terminal(daemon):
    term = Terminal([ctlrun.ctl_binary("ours"), "-c", daemon.conf_path])
    fcntl.ioctl(term.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 30, 0, 0))
    term.read(b"supervisor> ")
    return term, term.output.rindex(b"supervisor> ")


def test_shell_edits_a_line_longer_than_the_terminal(daemon):
    term, start = _narrow_terminal(daemon)

    def shows(line, cursor):
        _editor_shows(term, start, line, cursor, 30)

    typed = "pid " + "abcdefghij" * 4
    term.send(typed.encode())
    shows("supervisor> " + typed, 12 + len(typed))
    # Moving left onto the first row and inserting redraws both rows in place.
    term.send(b"\x1b[D" * 30 + b"XY")
    line = "supervisor> " + typed[:14] + "XY" + typed[14:]
    shows(line, 12 + 16)
    term.send(b"\x01#")  # Home, then insert at the start
    shows("supervisor> #" + line[12:], 13)
    # A line that ends exactly at the last column: the cursor goes to the next row.
    typed = "pid " + "x" * 44
    term.send(b"\x01\x0b" + typed.encode())
    shows("supervisor> " + typed, 60)
    term.send(b"\x1b[DZ")
    shows("supervisor> " + typed[:-1] + "Z" + typed[-1], 60)
    # Running it prints below the whole line, not over its second row.
    term.send(b"\x01\x0bpid\r", b"\r\n", prompt=True)
    term.send(b"\x04")
    assert term.wait() == 0


def test_shell_counts_wide_and_combining_characters_by_their_columns(daemon):
    term, start = _narrow_terminal(daemon)

    def shows(line, cursor):
        _editor_shows(term, start, line, cursor, 30)

    # 17 columns, then two-column characters: the seventh does not fit in the
    # first row's last column and starts the second row; e + U+0301 is one column.
    typed = "pid a" + "中文漢字" * 3 + "cafe\u0301 x"
    term.send(typed.encode())
    line = "supervisor> " + typed
    shows(line, len(line))
    # A combining mark moves and goes with its letter: back over "x" and " ", then
    # Backspace deletes "e" and U+0301 together.
    term.send(b"\x1b[D" * 2 + b"\x7f")
    typed = typed[:20] + typed[22:]
    line = "supervisor> " + typed
    shows(line, 12 + 20)
    # Left across the wide characters back into the first row, then insert there.
    term.send(b"\x1b[D" * 12 + b"Z")
    line = "supervisor> " + typed[:8] + "Z" + typed[8:]
    shows(line, 12 + 9)
    term.send("\x05名".encode())  # End, then one more wide character
    shows(line + "名", len(line) + 1)
    term.send(b"\x01\x0bpid\r", b"\r\n", prompt=True)
    term.send(b"\x04")
    assert term.wait() == 0
