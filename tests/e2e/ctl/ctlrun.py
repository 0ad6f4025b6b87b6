"""Run the reference supervisorctl and ours on the same command lines and
compare what they print and how they exit.

Our binary is $SUPERVISORCTL_BIN if set, else the harness's "ours" binary dir
($SUPERVISOR_BIN_DIR or .build/debug).
"""

import os
import re
import signal
import subprocess
import time

import harness

CTLS = ("reference", "ours")


def ctl_binary(which):
    if which == "ours" and os.environ.get("SUPERVISORCTL_BIN"):
        return os.path.abspath(os.environ["SUPERVISORCTL_BIN"])
    return harness.binary(which, "supervisorctl")


def normalize(text, tmpdirs=()):
    """Make two runs comparable: temp dirs, program paths, pids, uptimes,
    dates, and the Python file/line the reference names in error lines."""
    for tmp in tmpdirs:
        text = text.replace(tmp, "{tmp}")
    for which in CTLS:
        text = text.replace(ctl_binary(which), "supervisorctl")
    text = harness.normalize(text)
    text = re.sub(r": file: \S+ line: \d+$", ": file: F line: L", text, flags=re.M)
    text = re.sub(r"^\d+$", "N", text, flags=re.M)  # `pid` prints bare pids
    return text


def env():
    e = {k: v for k, v in os.environ.items() if not k.startswith("SUPERVISOR")}
    e.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    e["LANG"] = "C.UTF-8"
    return e


def run(which, args, conf=None, stdin=b"", cwd=None, tmpdirs=(), timeout=30):
    """Run one supervisorctl; returns (exit status, stdout, stderr), normalised."""
    argv = [ctl_binary(which)] + (["-c", conf] if conf else []) + list(args)
    p = subprocess.run(argv, input=stdin, capture_output=True, timeout=timeout,
                       cwd=cwd or "/", env=env())
    return (p.returncode, normalize(p.stdout.decode(errors="replace"), tmpdirs),
            normalize(p.stderr.decode(errors="replace"), tmpdirs))


class Pair:
    """Two daemons started from the same config, one driven by the reference
    supervisorctl and one by ours, so stateful sequences can be compared."""

    def __init__(self, factory, programs, wait_running=(), base=True):
        self.daemons = {}
        for which in CTLS:
            d = factory.new(programs, base=base).start()
            for name in wait_running:
                d.wait_for_state(name, "RUNNING")
            self.daemons[which] = d
        self.tmpdirs = [d.tmp for d in self.daemons.values()]

    def run(self, which, args, stdin=b""):
        d = self.daemons[which]
        return run(which, args, conf=d.conf_path, stdin=stdin, cwd=d.tmp, tmpdirs=self.tmpdirs)

    def compare(self, *commands, stdin=b""):
        """Run each command (a string, split on spaces, or a list) with both
        clients, in lockstep, and assert identical results. For actions on
        `all` and `group:*` the line order is ignored: it is the daemon's, and
        two reference daemons do not always agree on it."""
        for command in commands:
            args = command.split() if isinstance(command, str) else list(command)
            ref = self.run("reference", args, stdin)
            ours = self.run("ours", args, stdin)
            if "all" in args[1:] or any(a.endswith(":*") for a in args[1:]):
                ref, ours = _sorted_lines(ref), _sorted_lines(ours)
            assert ours == ref, "command %r differs:\nreference: %r\nours:      %r" % (args, ref, ours)

    def write_conf(self, programs):
        for d in self.daemons.values():
            d.write_conf(programs)


def _sorted_lines(result):
    status, out, err = result
    return status, sorted(out.splitlines()), err


def run_until_interrupted(which, conf, args, cwd, wait_for, stdin=subprocess.DEVNULL, timeout=10):
    """Start a long-running command (tail -f, fg), wait until its stdout
    contains ``wait_for``, press Ctrl-C, and return (status, stdout, stderr)."""
    p = subprocess.Popen([ctl_binary(which), "-c", conf] + list(args), stdin=stdin,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env())
    out = b""
    os.set_blocking(p.stdout.fileno(), False)
    deadline = time.monotonic() + timeout
    while wait_for.encode() not in out and time.monotonic() < deadline:
        chunk = p.stdout.read()
        if chunk:
            out += chunk
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    try:
        rest, err = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        rest, err = p.communicate()
    return p.returncode, (out + (rest or b"")).decode(errors="replace"), err.decode(errors="replace")
