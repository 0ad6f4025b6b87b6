"""Shared end-to-end harness: run a supervisord (the Python reference or
ours) in a temp dir and talk to it over XML-RPC on its unix socket.

Every test runs once per implementation: ``impl`` is "reference" or "ours".
Nothing here sleeps for a fixed time where a condition can be polled; every
poll is bounded.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

import pytest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENV_BIN = os.path.join(REPO_ROOT, ".build", "venv", "bin")
IMPLS = ("reference", "ours")
PROGRAMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")

# A marker put in the daemon's environment. Children inherit it, so at
# teardown every process that still carries it (grandchildren included) can
# be found in /proc and killed.
MARKER_VAR = "SUPERVISOR_E2E_MARKER"

BASE_CONF = """\
[unix_http_server]
file={tmp}/supervisor.sock

[supervisord]
logfile={tmp}/supervisord.log
pidfile={tmp}/supervisord.pid
childlogdir={tmp}/childlogs
loglevel={loglevel}
{supervisord_extra}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{tmp}/supervisor.sock

"""


# A program that keeps a core busy, next to idle ones (a group of two among them): for
# the views of CPU and memory (the status page, supervisorctl top).
BURNER_AND_SLEEPERS = """
[program:burner]
command=sh -c 'while :; do :; done'
startsecs=0

[program:sleeper]
command=sleep 1000
startsecs=0

[program:pool]
command=sleep 1000
process_name=%(program_name)s_%(process_num)d
numprocs=2
startsecs=0
"""


def selected_impls():
    sel = os.environ.get("E2E_IMPL", "both").strip().lower()
    if sel in ("", "both", "all"):
        return list(IMPLS)
    if sel not in IMPLS:
        raise pytest.UsageError("E2E_IMPL must be reference, ours or both, not %r" % sel)
    return [sel]


def binary_dir(impl):
    if impl == "reference":
        return VENV_BIN
    d = os.environ.get("SUPERVISOR_BIN_DIR")
    if d:
        return os.path.abspath(d)
    return os.path.join(REPO_ROOT, ".build", "debug")


def binary(impl, name):
    """Path of an executable (supervisord, supervisorctl, ...) of ``impl``;
    fails the test with a clear message when it is not there."""
    path = os.path.join(binary_dir(impl), name)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        if impl == "reference":
            pytest.fail("reference %s not found at %s: run scripts/test once to "
                        "create the venv (.build/venv with supervisor==4.3.0)" % (name, path),
                        pytrace=False)
        pytest.fail("our %s is not built: %s is missing (run `swift build` and set "
                    "SUPERVISOR_BIN_DIR=$(swift build --show-bin-path))" % (name, path),
                    pytrace=False)
    return path


def deliberate_difference(impl, reason):
    """Skip the reference for a case where ours deliberately differs."""
    if impl == "reference":
        pytest.skip("deliberate difference: " + reason)


def wait_until(predicate, timeout=10.0, interval=0.05, message="condition"):
    """Poll ``predicate`` until it returns something truthy; return that value.
    Fails the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, xmlrpc.client.Error, ConnectionError) as exc:
            last_exc = exc
        if time.monotonic() >= deadline:
            extra = " (last error: %r)" % (last_exc,) if last_exc else ""
            pytest.fail("timed out after %.1fs waiting for %s%s" % (timeout, message, extra),
                        pytrace=False)
        time.sleep(interval)


def free_port():
    """A TCP port of 127.0.0.1 that nothing listens on (the OS's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def program_command(script, *args):
    """The command line running one of tests/e2e/programs/ with this Python."""
    return " ".join([sys.executable, os.path.join(PROGRAMS_DIR, script)] + [str(a) for a in args])


def pid_alive(pid):
    """True if ``pid`` exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[1].split()[0]
    return state not in ("Z", "X")


def marked_pids(marker):
    """Pids of live processes whose environment carries our marker."""
    needle = ("%s=%s" % (MARKER_VAR, marker)).encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if needle in env:
            found.append(int(entry))
    return found


def _kill(pid, pgroup=False):
    try:
        if pgroup:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def normalize(text):
    """Replace pids, uptimes and dates so descriptions can be compared."""
    text = re.sub(r"pid \d+", "pid N", text)
    text = re.sub(r"uptime \d+:\d\d:\d\d", "uptime H:MM:SS", text)
    text = re.sub(r"[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M", "DATE", text)
    return text


class Supervisord:
    """One daemon run in its own temp dir."""

    def __init__(self, impl, tmp, marker):
        self.impl = impl
        self.tmp = tmp
        self.marker = marker
        self.conf_path = os.path.join(tmp, "supervisord.conf")
        self.sock = os.path.join(tmp, "supervisor.sock")
        self.logfile = os.path.join(tmp, "supervisord.log")
        self.childlogdir = os.path.join(tmp, "childlogs")
        self.out_path = os.path.join(tmp, "daemon.out")
        self.proc = None
        self.seen_pids = set()
        os.makedirs(self.childlogdir, exist_ok=True)

    # -- configuration -------------------------------------------------
    def expand(self, text):
        return text.replace("{tmp}", self.tmp)

    def write_conf(self, programs="", supervisord_extra="", loglevel="debug", base=True):
        """Write supervisord.conf: the base sections plus ``programs``.
        ``{tmp}`` in either string is replaced by the temp dir."""
        text = ""
        if base:
            text = BASE_CONF.replace("{loglevel}", loglevel).replace(
                "{supervisord_extra}", supervisord_extra)
        text = self.expand(text + programs)
        with open(self.conf_path, "w") as f:
            f.write(text)
        return self.conf_path

    def write_file(self, name, content, mode=None):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(self.expand(content))
        if mode is not None:
            os.chmod(path, mode)
        return path

    # -- process control -----------------------------------------------
    def env(self):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("SUPERVISOR_") or k == "SUPERVISOR_BIN_DIR"}
        env.pop("SUPERVISOR_BIN_DIR", None)
        env[MARKER_VAR] = self.marker
        env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        return env

    def start(self, wait=True, args=(), umask=-1, prefix=()):
        """Start the daemon in the foreground (-n) in its own session, with
        the temp dir as its cwd (and ``umask`` if given); ``prefix`` is a
        command to run it under (e.g. ``unshare``)."""
        exe = binary(self.impl, "supervisord")
        self._out = open(self.out_path, "ab")
        self.proc = subprocess.Popen(
            list(prefix) + [exe, "-n", "-c", self.conf_path] + list(args),
            stdin=subprocess.DEVNULL, stdout=self._out, stderr=subprocess.STDOUT,
            cwd=self.tmp, env=self.env(), start_new_session=True, umask=umask)
        if wait:
            self.wait_ready()
        return self

    def run_expecting_exit(self, timeout=10.0, args=()):
        """Run the daemon and expect it to exit by itself (bad config).
        Returns (returncode, stdout, stderr)."""
        exe = binary(self.impl, "supervisord")
        proc = subprocess.Popen(
            [exe, "-n", "-c", self.conf_path] + list(args),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=self.tmp, env=self.env(), start_new_session=True)
        self.proc = proc
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc.pid, pgroup=True)
            out, err = proc.communicate()
            pytest.fail("%s supervisord did not exit within %.0fs; output:\n%s%s"
                        % (self.impl, timeout, out.decode(errors="replace"),
                           err.decode(errors="replace")), pytrace=False)
        return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")

    def daemon_output(self):
        try:
            with open(self.out_path, "rb") as f:
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def wait_ready(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("%s supervisord exited with status %s before answering; output:\n%s"
                            % (self.impl, self.proc.returncode, self.daemon_output()),
                            pytrace=False)
            try:
                state = self.rpc.supervisor.getState()
                if state.get("statename") == "RUNNING":
                    return state
            except Exception as exc:  # socket not there yet, etc.
                last = exc
            time.sleep(0.05)
        pytest.fail("%s supervisord did not answer XML-RPC on %s within %.0fs (last error %r); "
                    "output:\n%s" % (self.impl, self.sock, timeout, last, self.daemon_output()),
                    pytrace=False)

    @property
    def rpc(self):
        """A fresh ServerProxy over the unix socket, as supervisorctl makes."""
        from supervisor.xmlrpc import SupervisorTransport
        transport = SupervisorTransport(None, None, serverurl="unix://" + self.sock)
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)

    def signal(self, sig):
        os.kill(self.proc.pid, sig)

    def wait_exit(self, timeout=10.0):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail("%s supervisord did not exit within %.0fs" % (self.impl, timeout),
                        pytrace=False)

    # -- queries -------------------------------------------------------
    def info(self, name):
        info = self.rpc.supervisor.getProcessInfo(name)
        if info.get("pid"):
            self.seen_pids.add(info["pid"])
        return info

    def all_info(self):
        infos = self.rpc.supervisor.getAllProcessInfo()
        for info in infos:
            if info.get("pid"):
                self.seen_pids.add(info["pid"])
        return infos

    def wait_for_state(self, name, statename, timeout=10.0):
        """Wait until process ``name`` (e.g. "x" or "grp:x") is in
        ``statename`` (or one of several, given a tuple); return its info."""
        wanted = (statename,) if isinstance(statename, str) else tuple(statename)
        holder = {}

        def check():
            holder["info"] = info = self.info(name)
            return info if info["statename"] in wanted else None

        deadline = time.monotonic() + timeout
        while True:
            try:
                result = check()
                if result:
                    return result
            except (OSError, ConnectionError, xmlrpc.client.ProtocolError):
                pass
            if time.monotonic() >= deadline:
                pytest.fail("timed out after %.1fs waiting for %s to be %s; last info: %r"
                            % (timeout, name, "/".join(wanted), holder.get("info")),
                            pytrace=False)
            time.sleep(0.05)

    def wait_for_exec(self, name, comm, timeout=10.0):
        """Wait until ``name`` is RUNNING and its pid has exec'd ``comm``
        (/proc/PID/comm). A signal sent to a child between fork and exec can
        be swallowed by the daemon's own handlers, so tests that signal a
        child wait for this first. Returns the process info."""
        def check():
            info = self.info(name)
            if info["statename"] != "RUNNING" or not info["pid"]:
                return None
            try:
                with open("/proc/%d/comm" % info["pid"]) as f:
                    return info if f.read().strip() == comm else None
            except OSError:
                return None
        return wait_until(check, timeout, message="%s to be RUNNING as %r" % (name, comm))

    def assert_stays(self, name, statename, seconds=1.5):
        """Proving a negative: poll for ``seconds`` and fail if ``name``
        leaves ``statename`` (e.g. an EXITED process that must not be
        restarted; the reference acts within a 1 s tick)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            info = self.info(name)
            if info["statename"] != statename:
                pytest.fail("%s left %s: %r" % (name, statename, info), pytrace=False)
            time.sleep(0.05)
        return info

    def wait_for_new_pid(self, name, old_pid, timeout=10.0):
        def check():
            info = self.info(name)
            if info["statename"] == "RUNNING" and info["pid"] and info["pid"] != old_pid:
                return info
            return None
        return wait_until(check, timeout, message="%s to run with a pid other than %s"
                          % (name, old_pid))

    def main_log(self):
        try:
            with open(self.logfile, "rb") as f:
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def wait_for_log(self, pattern, timeout=10.0, count=1):
        """Wait until ``pattern`` (regex) matches ``count`` times in the main
        log; return the list of matches."""
        rx = re.compile(pattern, re.M)

        def check():
            found = list(rx.finditer(self.main_log()))
            return found if len(found) >= count else None
        deadline = time.monotonic() + timeout
        while True:
            found = check()
            if found:
                return found
            if time.monotonic() >= deadline:
                pytest.fail("timed out after %.1fs waiting for /%s/ x%d in the main log:\n%s"
                            % (timeout, pattern, count, self.main_log()[-4000:]), pytrace=False)
            time.sleep(0.05)

    def read(self, name):
        """Contents of a file in the temp dir (or an absolute path)."""
        path = name if os.path.isabs(name) else os.path.join(self.tmp, name)
        with open(path, "rb") as f:
            return f.read().decode(errors="replace")

    def wait_for_file(self, name, predicate=lambda text: bool(text), timeout=10.0):
        path = name if os.path.isabs(name) else os.path.join(self.tmp, name)

        def check():
            try:
                text = self.read(path)
            except OSError:
                return None
            return text if predicate(text) else None
        return wait_until(check, timeout, message="file %s to match" % path)

    def tail_child_log(self, name, channel="stdout", length=100000):
        """The last ``length`` bytes of a child's log, via XML-RPC."""
        fn = (self.rpc.supervisor.readProcessStdoutLog if channel == "stdout"
              else self.rpc.supervisor.readProcessStderrLog)
        return fn(name, -length, 0)

    # -- teardown ------------------------------------------------------
    def stop(self):
        """Shut the daemon down and make sure nothing it started survives."""
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            try:
                self.all_info()
            except Exception:
                pass
            try:
                self.rpc.supervisor.shutdown()
            except Exception:
                pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        _kill(proc.pid, pgroup=True)
        _kill(proc.pid)
        for pid in self.seen_pids:
            _kill(pid, pgroup=True)
            _kill(pid)
        for _ in range(3):
            pids = marked_pids(self.marker)
            if not pids:
                break
            for pid in pids:
                _kill(pid)
            time.sleep(0.05)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        if getattr(self, "_out", None):
            self._out.close()


class DaemonFactory:
    """What the ``supervisord`` fixture gives a test: make and start daemons
    of the test's implementation; all are torn down after the test."""

    def __init__(self, impl):
        self.impl = impl
        self.daemons = []
        self.tmpdirs = []

    def new(self, programs="", supervisord_extra="", loglevel="debug", base=True):
        tmp = tempfile.mkdtemp(prefix="sv-e2e-", dir="/tmp")
        self.tmpdirs.append(tmp)
        d = Supervisord(self.impl, tmp, marker=os.path.basename(tmp))
        d.write_conf(programs, supervisord_extra, loglevel, base)
        self.daemons.append(d)
        return d

    def start(self, programs="", supervisord_extra="", loglevel="debug", wait=True):
        return self.new(programs, supervisord_extra, loglevel).start(wait=wait)

    def teardown(self, keep=False):
        for d in self.daemons:
            try:
                d.stop()
            except Exception:
                pass
        if not keep:
            for tmp in self.tmpdirs:
                shutil.rmtree(tmp, ignore_errors=True)
