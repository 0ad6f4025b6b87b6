"""`supervisorctl top` (an extension, ours only): through a pseudo-terminal, the live
table sorted by CPU, keys that change the order, `q` and Ctrl-C that quit and give the
terminal back as it was; against the reference daemon, one plain line and a failure."""

import os
import re
import struct
import subprocess
import termios
import fcntl
import time

import pytest

import harness
from ctl import ctlrun

ROW = re.compile(r"^(\S+)\s+([A-Z]+)\s+(\S+(?: days?, \S+)?)\s+(\S+)\s+(\S+)\s+(\d+)$")


class Top:
    """Our supervisorctl's `top` on a pseudo-terminal of 100 x 30."""

    def __init__(self, d):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.modes = termios.tcgetattr(self.slave)
        self.proc = subprocess.Popen([ctlrun.ctl_binary("ours"), "-c", d.conf_path, "top"],
                                     stdin=self.slave, stdout=self.slave, stderr=self.slave,
                                     cwd=d.tmp, env=ctlrun.env())
        os.set_blocking(self.master, False)
        self.output = b""

    def read(self):
        try:
            while True:
                chunk = os.read(self.master, 65536)
                if not chunk:
                    break
                self.output += chunk
        except (BlockingIOError, OSError):
            pass

    def screen(self):
        """The last complete screen: its lines, without the escape sequences."""
        self.read()
        frames = self.output.decode(errors="replace").split("\x1b[H")
        complete = [f for f in frames if "\x1b[J" in f]
        if not complete:
            return []
        text = complete[-1].split("\x1b[J")[0]
        return [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip("\r") for line in text.split("\n")]

    def rows(self):
        return [ROW.match(line).groups() for line in self.screen()[3:] if ROW.match(line)]

    def wait_for_screen(self, predicate, message, timeout=15):
        return harness.wait_until(lambda: predicate(self.screen()) and self.screen(), timeout=timeout, message=message)

    def press(self, keys):
        os.write(self.master, keys)

    def wait_exit(self, timeout=10):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.read()
            time.sleep(0.05)
        self.read()
        assert self.proc.poll() is not None, "top did not exit; screen: %r" % self.screen()
        return self.proc.returncode

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        os.close(self.slave)


def start_ours(supervisord, impl):
    harness.deliberate_difference(impl, "top needs the live events of our supervisord")
    d = supervisord.start(harness.BURNER_AND_SLEEPERS)
    for name in ("burner", "sleeper", "pool:pool_0", "pool:pool_1"):
        d.wait_for_state(name, "RUNNING")
    return d


def test_top_shows_the_processes_by_cpu_and_quits_on_q(supervisord, impl):
    d = start_ours(supervisord, impl)
    top = Top(d)
    try:
        # CPU % comes with the second sampling round.
        top.wait_for_screen(lambda s: any(r[0] == "burner" and r[3] != "-" for r in top.rows()),
                            "a CPU figure for the burner")
        screen = top.screen()
        assert screen[0] == "4 processes, by CPU"
        assert screen[2].split() == ["NAME", "STATE", "UPTIME", "CPU%", "RSS", "RESTARTS"]
        rows = top.rows()
        assert [r[0] for r in rows][0] == "burner", screen
        assert sorted(r[0] for r in rows) == ["burner", "pool:pool_0", "pool:pool_1", "sleeper"]
        for name, state, uptime, cpu, rss, restarts in rows:
            assert state == "RUNNING" and re.fullmatch(r"\d+:\d\d:\d\d", uptime), (name, uptime)
            assert re.fullmatch(r"\d+(\.\d)?[KMG]", rss), (name, rss)
            assert restarts == "0"
        assert float(rows[0][3]) > max(float(r[3]) for r in rows[1:] if r[3] != "-")

        top.press(b"n")
        top.wait_for_screen(lambda s: s and s[0] == "4 processes, by name", "the order by name")
        assert [r[0] for r in top.rows()] == ["burner", "pool:pool_0", "pool:pool_1", "sleeper"]
        # A restart shows in the restarts column.
        d.rpc.supervisor.stopProcess("sleeper")
        d.rpc.supervisor.startProcess("sleeper")
        top.wait_for_screen(lambda s: any(r[0] == "sleeper" and r[5] == "1" for r in top.rows()),
                            "the sleeper's restart")

        top.press(b"q")
        assert top.wait_exit() == 0
        # The terminal is given back: the main screen, the cursor, the modes it had.
        assert top.output.endswith(b"\x1b[?25h\x1b[?1049l"), top.output[-40:]
        assert termios.tcgetattr(top.slave) == top.modes
    finally:
        top.close()


def test_top_quits_on_ctrl_c(supervisord, impl):
    d = start_ours(supervisord, impl)
    top = Top(d)
    try:
        top.wait_for_screen(lambda s: len(top.rows()) == 4, "the table")
        top.press(b"\x03")
        assert top.wait_exit() == 0
        assert top.output.endswith(b"\x1b[?25h\x1b[?1049l")
        assert termios.tcgetattr(top.slave) == top.modes
    finally:
        top.close()


def test_top_against_the_reference_daemon_says_it_needs_ours():
    if "reference" not in harness.selected_impls():
        pytest.skip("E2E_IMPL excludes the reference daemon")
    factory = harness.DaemonFactory("reference")
    try:
        d = factory.start(harness.BURNER_AND_SLEEPERS)
        status, out, err = ctlrun.run("ours", ["top"], conf=d.conf_path, cwd=d.tmp, tmpdirs=[d.tmp])
        assert status == 1
        assert out == ("top needs this project's supervisord: unix://{tmp}/supervisor.sock has no live events "
                       "(/api/v1/events answered HTTP 404)\n")
        assert err == ""
    finally:
        factory.teardown()
