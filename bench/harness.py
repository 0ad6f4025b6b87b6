#!/usr/bin/env python3
"""Side-by-side benchmarks of our supervisord and the reference (Python
supervisor 4.3.0). Run through bench/run, which builds ours in release first.

Every scenario runs against both daemons in the same run, alternating which
goes first, ``--reps`` times; the report is a Markdown table of medians and
the ratio ours/reference. Four run against ours only, their reference column
"—": the largest fleet, health checks, /metrics and the JSON API's list (the reference
has none of the last three). Timed
calls go through a minimal XML-RPC client on the daemon's unix socket (one
HTTP/1.0 POST per call), so the client is cheap; its own CPU time is reported
next to the latencies.

Every wait is bounded, each daemon runs in its own session (its children keep
that session id even though they change process group), and every process
of a session is SIGKILLed when its scenario ends, also on failure or Ctrl-C.
Timings never fail a run; a scenario that cannot run (daemon dies, a process
never gets RUNNING, bytes go missing) does, and the exit status is then 1.
"""

import argparse
import json
import os
import platform
import resource
import select
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE_BIN = os.path.join(ROOT, ".build", "venv", "bin")
IMPLS = ("reference", "ours")
RUNNING, STOPPED, EXITED = 20, 0, 100  # supervisor process states
CLK_TCK = os.sysconf("SC_CLK_TCK")

PROFILES = {
    "full":  dict(reps=3, sizes=(500, 2000), huge=10000, idle=10.0, calls=20, kills=30, stops=3,
                  mib=512, file_mb=50, ctl_procs=100, ctl_runs=10, multicall_calls=10000,
                  flood_probes=5, flood_quiet=3.0, health_procs=500, health_interval=10.0,
                  health_window=60.0, crash_window=10.0),
    "quick": dict(reps=1, sizes=(500, 2000), huge=0, idle=3.0, calls=5, kills=10, stops=1,
                  mib=128, file_mb=50, ctl_procs=100, ctl_runs=5, multicall_calls=10000,
                  flood_probes=5, flood_quiet=3.0, health_procs=500, health_interval=10.0,
                  health_window=30.0, crash_window=5.0),
    # The smoke run checks more often so that it needs seconds, not a minute.
    "smoke": dict(reps=1, sizes=(20, 50), huge=100, idle=0.5, calls=3, kills=3, stops=2,
                  mib=4, file_mb=1, ctl_procs=10, ctl_runs=2, multicall_calls=1000,
                  flood_probes=2, flood_quiet=0.5, health_procs=20, health_interval=1.0,
                  health_window=3.0, crash_window=2.0),
}

CONF = """\
[unix_http_server]
file={tmp}/supervisor.sock

[supervisord]
logfile={tmp}/supervisord.log
pidfile={tmp}/supervisord.pid
childlogdir={tmp}/childlogs
loglevel=info
minfds={minfds}
minprocs={minprocs}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{tmp}/supervisor.sock

{programs}
"""

FLEET = """\
[program:sleep]
command=sleep 1000000
process_name=%(program_name)s_%(process_num)d
numprocs={n}
startsecs=0
"""
# For the largest run: no log files, and at loglevel info nothing reads the
# output, so our daemon gives the children /dev/null and a child costs it 1
# descriptor (its stdin pipe) instead of 5 (the reference would need 2).
LEAN = "redirect_stderr=true\nstdout_logfile=NONE\n"


class BenchError(Exception):
    pass


def wait_for(predicate, timeout, what, interval=0.01):
    """Poll ``predicate`` until truthy and return its value; BenchError after
    ``timeout`` seconds. The poll period starts at ``interval`` and grows to
    2 % of the time waited (at most 10 ms), so long waits keep a small
    relative error without the harness spinning."""
    start = time.monotonic()
    while True:
        value = predicate()
        if value:
            return value
        waited = time.monotonic() - start
        if waited >= timeout:
            raise BenchError("timed out after %.0f s waiting for %s" % (timeout, what))
        time.sleep(min(max(interval, waited * 0.02), max(interval, 0.01)))


# --------------------------------------------------------------- /proc
def read_proc(pid, name):
    with open("/proc/%d/%s" % (pid, name)) as f:
        return f.read()


def stat_fields(pid):
    """Fields of /proc/<pid>/stat after the command name: [state, ppid, pgrp, session, ...]."""
    return read_proc(pid, "stat").rsplit(")", 1)[1].split()


def task_ids(pid):
    return [int(t) for t in os.listdir("/proc/%d/task" % pid)]


def cpu_seconds(pid):
    """CPU time of all live threads, from schedstat (ns) when the kernel has
    it, else utime+stime from stat (clock ticks)."""
    try:
        return sum(int(read_proc(pid, "task/%d/schedstat" % t).split()[0])
                   for t in task_ids(pid)) / 1e9
    except (OSError, ValueError, IndexError):
        f = stat_fields(pid)
        return (int(f[11]) + int(f[12])) / CLK_TCK


def status_value(text, key):
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise BenchError("no %s in /proc status" % key)


def wakeups(pid):
    """Voluntary context switches summed over the daemon's threads."""
    total = 0
    for t in task_ids(pid):
        try:
            total += status_value(read_proc(pid, "task/%d/status" % t), "voluntary_ctxt_switches")
        except OSError:
            pass
    return total


def rss_mib(pid):
    return status_value(read_proc(pid, "status"), "VmRSS") / 1024.0


def session_pids(sid):
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(stat_fields(int(entry))[3]) == sid:
                    pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return pids


# --------------------------------------------------------------- XML-RPC
class RPC:
    """A minimal XML-RPC client: one HTTP/1.0 POST per call over the unix
    socket, response read until the server closes."""

    def __init__(self, sock_path, timeout=120.0):
        self.sock_path = sock_path
        self.timeout = timeout

    def raw(self, method, *params):
        return self.post(self.request(method, *params))

    @staticmethod
    def request(method, *params):
        """The bytes of one call, to send with ``post``."""
        body = xmlrpc.client.dumps(params, method).encode()
        return (b"POST /RPC2 HTTP/1.0\r\nContent-Type: text/xml\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body

    def post(self, request):
        """Sends a request made by ``request``; the whole response."""
        chunks = []
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(self.timeout)
            s.connect(self.sock_path)
            s.sendall(request)
            while True:
                chunk = s.recv(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def timed(self, method, *params):
        """(wall seconds, client CPU seconds, decoded result) of one call."""
        cpu0, t0 = time.process_time(), time.perf_counter()
        response = self.raw(method, *params)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        return wall, cpu, self.decode(method, response)

    def __call__(self, method, *params):
        return self.decode(method, self.raw(method, *params))

    @staticmethod
    def decode(method, response):
        head, _, body = response.partition(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0]
        if not status.startswith(b"HTTP/1.") or status.split()[1:2] != [b"200"]:
            raise BenchError("%s: bad HTTP response %r" % (method, status))
        return xmlrpc.client.loads(body)[0][0]


# --------------------------------------------------------------- daemons
class Daemon:
    """One supervisord (``impl``) in its own temp dir and session."""

    live = set()  # every started daemon not yet cleaned up
    # Removed only when the run ends: on ext4 without a journal, creating files is slow
    # for a minute after thousands were deleted (the allocator skips recently freed
    # inodes), which would slow down whichever daemon starts its fleet next.
    finished_dirs = []

    def __init__(self, impl, args, programs, nprocs, minfds):
        self.impl = impl
        self.bin = args.bin[impl]
        self.tmp = tempfile.mkdtemp(prefix="bench-%s-" % impl, dir=args.workdir)
        os.makedirs(os.path.join(self.tmp, "childlogs"))
        self.conf = os.path.join(self.tmp, "supervisord.conf")
        self.log = os.path.join(self.tmp, "supervisord.log")
        self.sock = os.path.join(self.tmp, "supervisor.sock")
        with open(self.conf, "w") as f:
            f.write(CONF.format(tmp=self.tmp, programs=programs.replace("{tmp}", self.tmp),
                                minfds=minfds, minprocs=200 + nprocs))
        self.rpc = RPC(self.sock)
        self.proc = None
        self.log_pos = 0
        self.log_tail = b""

    def start(self, nofile=None):
        """Start the daemon (with RLIMIT_NOFILE at ``nofile`` if given); returns the
        monotonic start time."""
        out = open(os.path.join(self.tmp, "daemon.out"), "wb")
        Daemon.live.add(self)
        limit = (lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))) if nofile else None
        t0 = time.monotonic()
        self.proc = subprocess.Popen([os.path.join(self.bin, "supervisord"), "-n", "-c", self.conf],
                                     stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True, cwd=self.tmp, preexec_fn=limit)
        out.close()
        return t0

    @property
    def pid(self):
        return self.proc.pid

    def check_alive(self):
        if self.proc.poll() is not None:
            with open(os.path.join(self.tmp, "daemon.out"), "rb") as f:
                tail = f.read()[-2000:].decode(errors="replace")
            raise BenchError("%s supervisord exited with %s; output:\n%s"
                             % (self.impl, self.proc.returncode, tail))

    def wait_ready(self, timeout=30):
        def ready():
            self.check_alive()
            try:
                return self.rpc("supervisor.getState")["statecode"] == 1
            except OSError:
                return False
        wait_for(ready, timeout, "%s supervisord to answer" % self.impl, interval=0.02)

    def count_in_log(self, needle):
        """Lines containing ``needle`` appended to the main log since the last call."""
        with open(self.log, "rb") as f:
            f.seek(self.log_pos)
            data = f.read()
        self.log_pos += len(data)
        data = self.log_tail + data
        complete, _, self.log_tail = data.rpartition(b"\n")
        return complete.count(needle)

    def wait_log(self, needle, count, timeout, interval=0.005):
        """Wait for ``count`` more log lines with ``needle``; monotonic time seen."""
        seen = [0]

        def enough():
            self.check_alive()
            if os.path.exists(self.log):
                seen[0] += self.count_in_log(needle)
            return seen[0] >= count and time.monotonic()
        return wait_for(enough, timeout, "%d x %r in the %s log (saw %d)"
                        % (count, needle.decode(), self.impl, seen[0]), interval)

    def states(self):
        return [p["state"] for p in self.rpc("supervisor.getAllProcessInfo")]

    def cleanup(self):
        """Ask for a shutdown, then SIGKILL whatever is left of the session."""
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    RPC(self.sock, timeout=10)("supervisor.shutdown")
                    self.proc.wait(timeout=30)
                except (OSError, BenchError, xmlrpc.client.Error, subprocess.TimeoutExpired):
                    pass
            # The daemon first: one still spawning (the reference, timed out mid-fleet on a
            # loaded machine) made children after the session was listed, which survived.
            for pid in [self.pid] + session_pids(self.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            leftover = session_pids(self.pid)
            if leftover:
                print("warning: %d processes of the %s session survive SIGKILL"
                      % (len(leftover), self.impl), file=sys.stderr)
        Daemon.live.discard(self)
        if not os.environ.get("BENCH_KEEP"):
            release_space(self.tmp)
            Daemon.finished_dirs.append(self.tmp)


def release_space(directory):
    """Empties the large files (logs of the throughput run) without deleting any."""
    for parent, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(parent, name)
            try:
                if os.path.isfile(path) and os.path.getsize(path) > (1 << 20):
                    os.truncate(path, 0)
            except OSError:
                pass


def run_daemon(impl, args, programs, body, nprocs=1, fds_each=5):
    """Create a daemon for ``nprocs`` children needing ``fds_each`` descriptors
    each (minfds/minprocs follow), hand it to ``body``, always clean it up."""
    minfds = nprocs + 150 if fds_each == 1 else 1024 + fds_each * nprocs
    daemon = Daemon(impl, args, programs, nprocs, minfds)
    try:
        return body(daemon)
    finally:
        daemon.cleanup()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


# --------------------------------------------------------------- scenarios
# Each scenario takes (impl, args, rep) and returns {figure key: value};
# FIGURES describes every key: label, unit, format, target, check.

def start_fleet(daemon, n):
    """Start the daemon; seconds until all ``n`` processes are RUNNING (seen
    in its log) and the harness's CPU seconds spent waiting."""
    cpu0 = time.process_time()
    t0 = daemon.start()
    t1 = daemon.wait_log(b" entered RUNNING state", n, timeout=60 + 0.05 * n)
    cpu = time.process_time() - cpu0
    states = daemon.states()
    if len(states) != n or any(s != RUNNING for s in states):
        raise BenchError("%s: expected %d RUNNING, got %d processes, %d RUNNING"
                         % (daemon.impl, n, len(states), states.count(RUNNING)))
    return t1 - t0, cpu


def floors(n):
    """What the harness itself needs, with no supervisor at all, to posix_spawn
    ``n`` sleeps until every one has exec'd and gone to sleep, and then to
    SIGTERM them all and reap them: the floor under the daemons' spawn and
    stopAllProcesses figures on this machine. Returns (spawn s, stop s, the harness's
    CPU s to make the n children, and to signal and reap them)."""
    sleep = shutil.which("sleep")
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    pids = [os.posix_spawn(sleep, ["sleep", "1000000"], os.environ) for _ in range(n)]
    spawn_cpu = time.process_time() - cpu0
    waiting = set(pids)
    reaped = set()

    def asleep(pid):
        try:
            return stat_fields(pid)[0] == "S" and os.readlink("/proc/%d/exe" % pid) == sleep
        except OSError:
            return False

    def all_asleep():
        waiting.difference_update([pid for pid in waiting if asleep(pid)])
        return not waiting
    try:
        wait_for(all_asleep, 30 + 0.05 * n, "%d spawned sleeps to be asleep" % n, interval=0.002)
        spawned = time.perf_counter() - t0
        t1, cpu1 = time.perf_counter(), time.process_time()
        for pid in pids:
            os.kill(pid, signal.SIGTERM)
        for pid in pids:
            os.waitpid(pid, 0)
            reaped.add(pid)
        return spawned, time.perf_counter() - t1, spawn_cpu, time.process_time() - cpu1
    finally:
        for pid in pids:
            if pid not in reaped:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def stop_all(daemon, n, cpu=None):
    """Seconds of one stopAllProcesses call, checked: n results, all stopped. With a list
    as ``cpu``, the daemon's CPU seconds during the call are appended to it."""
    cpu0 = cpu_seconds(daemon.pid)
    wall, _, result = daemon.rpc.timed("supervisor.stopAllProcesses")
    if cpu is not None:
        cpu.append(cpu_seconds(daemon.pid) - cpu0)
    bad = [x for x in result if x.get("status") != 80]  # SUCCESS
    if len(result) != n or bad:
        raise BenchError("stopAllProcesses: %d results, %d not SUCCESS" % (len(result), len(bad)))
    if any(s != STOPPED for s in daemon.states()):
        raise BenchError("stopAllProcesses returned with processes not STOPPED")
    return wall


def restart_fleet(daemon, n):
    """startAllProcesses, checked, then a second for the start-up work to settle."""
    result = daemon.rpc("supervisor.startAllProcesses")
    states = daemon.states()
    if len(result) != n or len(states) != n or any(s != RUNNING for s in states):
        raise BenchError("%s: restart left %d of %d RUNNING"
                         % (daemon.impl, states.count(RUNNING), n))
    time.sleep(1.0)


def fleet(n, lean=False):
    """Spawn ``n`` sleeps; measure spawn time, idle CPU and wake-ups, RSS,
    getAllProcessInfo latency and stopAllProcesses."""
    def scenario(impl, args, rep):
        spawn_floor, stop_floor, spawn_cpu_floor, stop_cpu_floor = floors(n)

        def body(d):
            r = {("spawn_floor", n): spawn_floor}
            r["spawn", n], r["spawn_client_cpu", n] = start_fleet(d, n)
            r["spawn_cpu_floor", n], r["spawn_cpu", n] = spawn_cpu_floor, cpu_seconds(d.pid)
            time.sleep(1.0)  # let start-up work settle
            cpu0, wake0 = cpu_seconds(d.pid), wakeups(d.pid)
            time.sleep(args.idle)
            scale = 10.0 / args.idle
            r["idle_cpu", n] = (cpu_seconds(d.pid) - cpu0) * scale
            r["idle_wakeups", n] = (wakeups(d.pid) - wake0) * scale
            r["rss", n] = rss_mib(d.pid)
            walls, cpus, daemon_cpus = [], [], []
            budget = time.monotonic() + args.latency_budget
            while len(walls) < args.calls and (len(walls) < 3 or time.monotonic() < budget):
                daemon_before = cpu_seconds(d.pid)
                wall, cpu, info = d.rpc.timed("supervisor.getAllProcessInfo")
                daemon_cpus.append(cpu_seconds(d.pid) - daemon_before)
                if len(info) != n:
                    raise BenchError("getAllProcessInfo returned %d entries" % len(info))
                walls.append(wall)
                cpus.append(cpu)
            r["gapi", n] = statistics.median(walls) * 1000
            r["gapi_daemon_cpu", n] = statistics.median(daemon_cpus) * 1000
            r["gapi_client_cpu", n] = statistics.median(cpus) * 1000
            r["stopall_floor", n] = stop_floor
            # One call is a small sample of a noisy figure: restart the fleet and time
            # the stop again (not in the one-off largest run).
            stop_cpu = []
            stops = [stop_all(d, n, stop_cpu)]
            r["stopall_cpu_floor", n], r["stopall_cpu", n] = stop_cpu_floor, stop_cpu[0]
            for _ in range(0 if lean else args.stops - 1):
                restart_fleet(d, n)
                stops.append(stop_all(d, n))
            r["stopall", n] = statistics.median(stops)
            return r
        if lean:
            return run_daemon(impl, args, FLEET.format(n=n) + LEAN, body, n, fds_each=1)
        return run_daemon(impl, args, FLEET.format(n=n), body, n)
    return scenario


class PidFifo:
    """A fifo the children write their pid to (``echo $$ > fifo``), read with select:
    no polling. Opened for writing too, so there is no end of file between writers."""

    def __init__(self, path):
        os.mkfifo(path)
        self.rfd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.wfd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        self.pending = b""

    def next_pid(self, timeout=10.0, alive=lambda: None):
        """(pid, perf_counter time it was read); ``alive`` raises if the writer's parent died."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.rfd], [], [], left)[0]:
                alive()
                raise BenchError("no new child within %.0f s" % timeout)
            self.pending += os.read(self.rfd, 4096)
        seen = time.perf_counter()
        line, _, self.pending = self.pending.partition(b"\n")
        return int(line), seen

    def close(self):
        os.close(self.rfd)
        os.close(self.wfd)


VICTIM = "echo $$ > {fifo}; exec sleep 1000000"


def respawn_floor(kills):
    """The harness as its own supervisor: it SIGKILLs a child it started (the same
    command as the daemons' victim), reaps it and starts another; kill → the new
    child's pid read from the fifo, in ms (median, p99)."""
    tmp = tempfile.mkdtemp(prefix="bench-respawn-floor-")
    fifo = PidFifo(os.path.join(tmp, "pids"))
    argv = ["sh", "-c", VICTIM.format(fifo=os.path.join(tmp, "pids"))]
    sh = shutil.which("sh")
    pid = None
    try:
        os.posix_spawn(sh, argv, os.environ)
        pid, _ = fifo.next_pid()
        times = []
        for _ in range(kills):
            t0 = time.perf_counter()
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pid = None
            os.posix_spawn(sh, argv, os.environ)
            pid, t1 = fifo.next_pid()
            times.append((t1 - t0) * 1000)
        return statistics.median(times), percentile(times, 99)
    finally:
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        fifo.close()
        shutil.rmtree(tmp, ignore_errors=True)


def respawn(impl, args, rep):
    """kill -9 a RUNNING autorestart program; time until its replacement
    writes its pid to a fifo, and until the daemon logs it RUNNING. Each child
    has run for over a second when it is killed: a long-running child is
    respawned at once, while ours spawns a crash loop at most once a second.
    The floor: the harness doing the same kill, reap and spawn itself."""
    floor_p50, floor_p99 = respawn_floor(args.kills)
    programs = """\
[program:victim]
command=/bin/sh -c '%s'
startsecs=0
autorestart=true
startretries=1000
""" % VICTIM.format(fifo="{tmp}/pids")

    def body(d):
        fifo = PidFifo(os.path.join(d.tmp, "pids"))
        try:
            d.start()
            pid, born = fifo.next_pid(30, d.check_alive)
            d.wait_log(b"success: victim entered RUNNING", 1, timeout=30)
            child, running, cpus = [], [], []
            for _ in range(args.kills):
                time.sleep(max(0.05, born + 1.05 - time.perf_counter()))
                cpu0, t0 = time.process_time(), time.perf_counter()
                os.kill(pid, signal.SIGKILL)
                new_pid, t1 = fifo.next_pid(alive=d.check_alive)
                d.wait_log(b"success: victim entered RUNNING", 1, timeout=10, interval=0.0005)
                t2 = time.perf_counter()
                cpus.append(time.process_time() - cpu0)
                if new_pid == pid:
                    raise BenchError("the same pid came back")
                child.append((t1 - t0) * 1000)
                running.append((t2 - t0) * 1000)
                pid, born = new_pid, t1
            return {"respawn_floor_p50": floor_p50, "respawn_child_p50": statistics.median(child),
                    "respawn_floor_p99": floor_p99, "respawn_child_p99": percentile(child, 99),
                    "respawn_running_p50": statistics.median(running),
                    "respawn_running_p99": percentile(running, 99),
                    "respawn_client_cpu": statistics.median(cpus) * 1000}
        finally:
            fifo.close()
    return run_daemon(impl, args, programs, body)


def crash_floor(count=200):
    """The harness's own CPU (user + system) to posix_spawn ``/bin/false`` and reap it,
    per spawn in ms (the child's CPU is not counted, as the daemon's is not)."""
    false = shutil.which("false")
    cpu0 = time.process_time()
    for _ in range(count):
        os.waitpid(os.posix_spawn(false, ["false"], os.environ), 0)
    return (time.process_time() - cpu0) / count * 1000


def crash_loop(impl, args, rep):
    """A program that exits at once, restarted for ever: spawns per second and the
    daemon's CPU over ``crash_window`` seconds, per spawn next to the harness's own
    spawn-and-reap (the floor)."""
    programs = """\
[program:crasher]
command=/bin/false
startsecs=0
autorestart=true
startretries=100000000
"""
    floor = crash_floor()

    def body(d):
        d.start()
        d.wait_log(b"spawned: 'crasher'", 2, timeout=30)
        cpu0, t0 = cpu_seconds(d.pid), time.monotonic()
        d.count_in_log(b"spawned: 'crasher'")
        time.sleep(args.crash_window)
        spawns = d.count_in_log(b"spawned: 'crasher'")
        cpu, wall = cpu_seconds(d.pid) - cpu0, time.monotonic() - t0
        if spawns == 0:
            raise BenchError("%s: no spawn of the crashing program in %.0f s" % (impl, wall))
        return {"crash_rate": spawns / wall, "crash_cpu_share": cpu / wall * 100,
                "crash_floor": floor, "crash_cpu": cpu / spawns * 1000}
    return run_daemon(impl, args, programs, body)


def memory_base(impl, args, rep):
    """An idle daemon with one program (one `sleep`), measured as the fleets are (started,
    checked with getAllProcessInfo, a second to settle, the idle window): VmRSS and what
    it is made of, and the daemon's threads."""
    def body(d):
        start_fleet(d, 1)
        time.sleep(1.0 + args.idle)
        status = read_proc(d.pid, "status")
        return {"rss_base": status_value(status, "VmRSS") / 1024.0,
                "rss_base_anon": status_value(status, "RssAnon") / 1024.0,
                "rss_base_file": status_value(status, "RssFile") / 1024.0,
                "threads_base": len(task_ids(d.pid))}
    return run_daemon(impl, args, FLEET.format(n=1), body, 1)


def per_child(results):
    """The results with the resident memory per child beyond the first after each VmRSS
    row: (VmRSS with n − VmRSS with one program) / (n − 1), in KiB."""
    ordered = {}
    for key, per_impl in results.items():
        ordered[key] = per_impl
        kind, n = split_key(key)
        if kind != "rss" or n < 2:
            continue
        for impl, values in per_impl.items():
            base = results.get("rss_base", {}).get(impl)
            if base:
                ordered.setdefault(("rss_per_child", n), {})[impl] = [
                    (v - statistics.median(base)) * 1024.0 / (n - 1) for v in values]
    return ordered


def log_bytes(directory, prefix):
    """Bytes in a log and its backups. While the daemon rotates, a file listed a moment ago
    may have been renamed; it is counted under its new name on the next poll."""
    total = 0
    for name in os.listdir(directory):
        if name.startswith(prefix):
            try:
                total += os.path.getsize(os.path.join(directory, name))
            except FileNotFoundError:
                pass
    return total


def piped_into_cat(command, path):
    """The floor of capturing ``command``'s output: it piped into ``cat > path``, no daemon.
    Returns the time until both ended and cat's CPU (user + system, from its rusage)."""
    t0 = time.perf_counter()
    with open(path, "wb") as out:
        writer = subprocess.Popen(shlex.split(command), stdout=subprocess.PIPE)
        cat = subprocess.Popen(["cat"], stdin=writer.stdout, stdout=out)
        writer.stdout.close()
        _, status, usage = os.wait4(cat.pid, 0)
        cat.returncode = os.waitstatus_to_exitcode(status)
        if writer.wait(timeout=600) != 0 or cat.returncode != 0:
            raise BenchError("%s | cat: exit %d, %d" % (command, writer.returncode, cat.returncode))
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime


def throughput(impl, args, rep):
    """Pipe ``mib`` MiB through a child's stdout into a rotating log, as a
    share of ``dd | cat > file`` timed just before; every byte must land."""
    total = args.mib * 1024 * 1024
    dd = "dd if=/dev/zero bs=1048576 count=%d status=none" % args.mib
    backups = args.mib // args.file_mb + 2
    programs = """\
[program:dd]
command=%s
autostart=false
autorestart=false
startsecs=0
stdout_logfile={tmp}/out.log
stdout_logfile_maxbytes=%dMB
stdout_logfile_backups=%d
""" % (dd, args.file_mb, backups)

    def body(d):
        base_file = os.path.join(d.tmp, "base.out")
        base, base_cpu = piped_into_cat(dd, base_file)
        if os.path.getsize(base_file) != total:
            raise BenchError("baseline wrote %d bytes" % os.path.getsize(base_file))
        os.unlink(base_file)
        d.start()
        d.wait_ready()
        cpu = cpu_seconds(d.pid)
        t0 = time.perf_counter()
        d.rpc("supervisor.startProcess", "dd", False)

        def done():
            d.check_alive()
            return log_bytes(d.tmp, "out.log") >= total
        wait_for(done, 60 + args.mib, "%d bytes in the %s logs" % (total, impl), interval=0.005)
        elapsed = time.perf_counter() - t0
        cpu = cpu_seconds(d.pid) - cpu
        wait_for(lambda: d.rpc("supervisor.getProcessInfo", "dd")["state"] == EXITED, 30,
                 "dd to be EXITED")
        got = log_bytes(d.tmp, "out.log")
        if got != total:
            raise BenchError("%s: log files hold %d bytes, dd wrote %d" % (impl, got, total))
        return {"throughput_base": args.mib / base, "throughput_cat_cpu": base_cpu / (args.mib / 1024.0),
                "throughput": args.mib / elapsed, "throughput_share": base / elapsed * 100,
                "throughput_cpu": cpu / (args.mib / 1024.0)}
    return run_daemon(impl, args, programs, body)


LINE_STYLES = (("timestamps", "stdout_log_timestamps=true"), ("json", "stdout_log_format=json"))


def line_throughput(impl, args, rep):
    """``mib`` MiB of 100-byte lines (issue 16) through a child's stdout into a rotating log,
    once with timestamps and once as JSON lines, each as a share of the same lines piped into
    ``cat > file``, with the daemon's CPU per GiB. Ours only: the reference has neither."""
    count = args.mib * 1024 * 1024 // 100
    backups = args.mib * 4 // args.file_mb + 2  # JSON lines are about 2.5 times the input
    dd = "dd if={tmp}/lines bs=1048576 status=none"
    programs = "".join("""\
[program:%s]
command=%s
autostart=false
autorestart=false
startsecs=0
stdout_logfile={tmp}/%s.log
stdout_logfile_maxbytes=%dMB
stdout_logfile_backups=%d
%s
""" % (style, dd, style, args.file_mb, backups, key) for style, key in LINE_STYLES)

    def body(d):
        source = os.path.join(d.tmp, "lines")
        with open(source, "wb") as f:
            for start in range(0, count, 10000):
                f.write(b"".join(b"%08d GET /api/items/%08d HTTP/1.1 200 1532 bytes %s\n" % (i, i, b"x" * 42)
                                 for i in range(start, min(count, start + 10000))))
            f.write(b"END\n")
        base_file = os.path.join(d.tmp, "base.out")
        base, base_cpu = piped_into_cat(dd.replace("{tmp}", d.tmp), base_file)
        os.unlink(base_file)
        d.start()
        d.wait_ready()
        figures = {"lines_base": args.mib / base, "lines_cat_cpu": base_cpu / (args.mib / 1024.0)}
        for style, _ in LINE_STYLES:
            log = os.path.join(d.tmp, style + ".log")
            cpu = cpu_seconds(d.pid)
            t0 = time.perf_counter()
            d.rpc("supervisor.startProcess", style, False)

            def ended():
                d.check_alive()
                for path in (log, log + ".1"):
                    try:
                        with open(path, "rb") as f:
                            f.seek(max(0, os.path.getsize(path) - 200))
                            if b"END" in f.read():
                                return True
                    except OSError:
                        pass
                return False
            wait_for(ended, 60 + args.mib, "the last line in the %s log" % style, interval=0.005)
            elapsed = time.perf_counter() - t0
            cpu = cpu_seconds(d.pid) - cpu
            lines = log_lines(d.tmp, style + ".log")
            if lines != count + 1:
                raise BenchError("%s log: %d lines, the child wrote %d" % (style, lines, count + 1))
            figures["lines_" + style] = args.mib / elapsed
            figures["lines_%s_share" % style] = base / elapsed * 100
            figures["lines_%s_cpu" % style] = cpu / (args.mib / 1024.0)
        return figures
    return run_daemon(impl, args, programs, body)


def log_lines(directory, prefix):
    """Lines in a log and its backups (read once rotation is over)."""
    total = 0
    for name in os.listdir(directory):
        if name.startswith(prefix):
            with open(os.path.join(directory, name), "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    total += chunk.count(b"\n")
    return total


def ctl_status(impl, args, rep):
    """Cold `supervisorctl status` against a daemon with ``ctl_procs`` RUNNING."""
    n = args.ctl_procs

    def body(d):
        start_fleet(d, n)
        ctl = [os.path.join(args.bin[impl], "supervisorctl"), "-c", d.conf, "status"]
        times = []
        for _ in range(args.ctl_runs):
            t0 = time.perf_counter()
            out = subprocess.run(ctl, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 timeout=60, cwd=d.tmp)
            times.append(time.perf_counter() - t0)
            lines = out.stdout.decode(errors="replace").splitlines()
            if out.returncode != 0 or sum("RUNNING" in x for x in lines) != n:
                raise BenchError("%s supervisorctl status: exit %d, %d lines:\n%s"
                                 % (impl, out.returncode, len(lines), "\n".join(lines[:5])))
        return {("ctl_status", n): statistics.median(times) * 1000}
    return run_daemon(impl, args, FLEET.format(n=n), body, n)


def multicall(impl, args, rep):
    """One system.multicall of ``multicall_calls`` getState calls: its time, the worst
    wait of another client calling getState (one connection per call) meanwhile, and
    the daemon's VmRSS before and after."""
    n = args.multicall_calls
    request = RPC.request("system.multicall",
                          [{"methodName": "supervisor.getState", "params": []}] * n)

    def body(d):
        d.start()
        d.wait_ready()
        rss_before = rss_mib(d.pid)
        answer = {}

        def big():
            t0 = time.perf_counter()
            answer["response"] = d.rpc.post(request)
            answer["time"] = time.perf_counter() - t0
        thread = threading.Thread(target=big)
        thread.start()
        waits = []
        while thread.is_alive():  # the big call's response is decoded only after
            waits.append(d.rpc.timed("supervisor.getState")[0])
        thread.join()
        results = RPC.decode("system.multicall", answer["response"])
        if len(results) != n or results[-1] != {"statecode": 1, "statename": "RUNNING"}:
            raise BenchError("%s: multicall answered %d results" % (impl, len(results)))
        return {("multicall", n): answer["time"] * 1000, ("multicall_wait", n): max(waits) * 1000,
                "multicall_rss_before": rss_before, "multicall_rss_after": rss_mib(d.pid)}
    return run_daemon(impl, args, "", body)


def descriptor_flood(impl, args, rep):
    """The daemon at RLIMIT_NOFILE=1100 with 200 RUNNING processes, flooded by 2,000
    connections that send nothing: the share of getState calls answered within 2 s on
    a connection opened before the flood and on new connections, and the daemon's CPU
    while the flood waits (a share of one core)."""
    n, limit, attempts = 200, 1100, 2000
    probes = args.flood_probes

    def body(d):
        d.start(nofile=limit)
        d.wait_ready()
        wait_for(lambda: d.states().count(RUNNING) == n, 60, "%d RUNNING" % n)
        kept = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        kept.settimeout(2)
        kept.connect(d.sock)
        flood, refused = [], 0
        while len(flood) < attempts and refused < 20:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.setblocking(False)
            try:
                s.connect(d.sock)
                flood.append(s)
                refused = 0
            except OSError:  # the listen backlog is full: give the daemon a moment
                s.close()
                refused += 1
                time.sleep(0.01)
        try:
            # The daemon's CPU while the flood just sits there, after it has accepted
            # what it could: a daemon that retries a failing accept at once spins.
            time.sleep(1.0)
            cpu0, t0 = cpu_seconds(d.pid), time.monotonic()
            time.sleep(args.flood_quiet)
            cpu = (cpu_seconds(d.pid) - cpu0) / (time.monotonic() - t0) * 100
            kept_ok = new_ok = 0
            call = RPC.request("supervisor.getState").replace(b"HTTP/1.0", b"HTTP/1.1")
            for _ in range(probes):
                try:
                    kept.sendall(call)
                    response = b""
                    while b"</methodResponse>" not in response:
                        chunk = kept.recv(65536)
                        if not chunk:
                            break
                        response += chunk
                    kept_ok += b"RUNNING" in response
                except OSError:
                    pass
                try:
                    RPC(d.sock, timeout=2)("supervisor.getState")
                    new_ok += 1
                except (OSError, BenchError):
                    pass
        finally:
            for s in flood:
                s.close()
            kept.close()
        d.check_alive()
        return {"flood_kept_ok": kept_ok * 100.0 / probes, "flood_new_ok": new_ok * 100.0 / probes,
                "flood_cpu": cpu, "flood_connections": len(flood)}
    daemon = Daemon(impl, args, FLEET.format(n=n), n, 1024)
    try:
        return body(daemon)
    finally:
        daemon.cleanup()


class Listener:
    """A TCP socket on 127.0.0.1 whose connections a harness thread accepts and closes at
    once, counting them: the other end of the daemon's `tcp:` checks. They must be
    accepted: the kernel completes the handshake of connections nobody accepts only until
    the listen backlog is full, and after that new connects time out."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4096)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0  # written by the thread only
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:  # shut down by close()
                return
            connection.close()
            self.accepted += 1

    def close(self):
        # shutdown, not close, wakes the thread blocked in accept (EINVAL).
        self.sock.shutdown(socket.SHUT_RDWR)
        self.thread.join(timeout=10)
        self.sock.close()


def connect_cpu(port, n, batches=3):
    """CPU seconds of this thread (user and system, so the loopback handshake the
    kernel does in its context too) to open and close ``n`` TCP connections to
    127.0.0.1:``port`` one after the other; median of ``batches``."""
    spent = []
    for _ in range(batches):
        t0 = time.thread_time()
        for _ in range(n):
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.connect(("127.0.0.1", port))
        spent.append(time.thread_time() - t0)
    return statistics.median(spent)


def health_checks(impl, args, rep):
    """Ours only (the reference has no health checks): ``health_procs`` sleeps, each with
    a `tcp:` healthcheck every ``health_interval`` s against one socket of the harness.
    Once all are RUNNING and the first round of checks has passed, the daemon's CPU and
    wake-ups over ``health_window`` s, per minute, next to the floor: the CPU the harness
    itself spends opening and closing that many connections to the same socket, at the
    same rate. Every process must still be RUNNING and healthy at the end."""
    n, interval, window = args.health_procs, args.health_interval, args.health_window
    listener = Listener()
    programs = FLEET.format(n=n) + "healthcheck=tcp:127.0.0.1:%d\nhealthcheck_interval=%g\n" % (
        listener.port, interval)

    def all_healthy(d):
        infos = d.rpc("supervisor.getAllProcessInfo")
        return len(infos) == n and all(p["state"] == RUNNING and p["description"].endswith(", healthy")
                                       for p in infos)

    def body(d):
        floor = connect_cpu(listener.port, n) * 60.0 / interval
        before_start = listener.accepted
        start_fleet(d, n)
        # Each process is first checked `interval` after it entered RUNNING.
        wait_for(lambda: listener.accepted - before_start >= n, interval + 30,
                 "the first %d checks" % n, interval=0.05)
        wait_for(lambda: all_healthy(d), 10, "%d processes reported healthy" % n, interval=0.1)
        # The window starts just after a round and spans whole intervals, so it holds
        # whole rounds (those spread over the time the fleet took to start).
        time.sleep(interval / 10.0)
        cpu0, wake0, checks0, t0 = cpu_seconds(d.pid), wakeups(d.pid), listener.accepted, time.monotonic()
        time.sleep(window)
        per_minute = 60.0 / (time.monotonic() - t0)
        cpu = (cpu_seconds(d.pid) - cpu0) * per_minute
        wakes = (wakeups(d.pid) - wake0) * per_minute
        checks = (listener.accepted - checks0) * per_minute
        if d.count_in_log(b"unhealthy: ") or not all_healthy(d):
            raise BenchError("not every process stayed RUNNING and healthy")
        # A daemon that checked less often than configured would look cheaper than it is.
        if checks < 0.9 * n * 60.0 / interval:
            raise BenchError("%.0f checks per minute, configured %.0f" % (checks, n * 60.0 / interval))
        return {("health_floor", n): floor, ("health_cpu", n): cpu, ("health_vs_floor", n): cpu / floor,
                ("health_wakeups", n): wakes, ("health_checks", n): checks}
    try:
        return run_daemon(impl, args, programs, body, n)
    finally:
        listener.close()


def proc_floor(pids, rounds=5):
    """CPU seconds (user and system) the harness needs to read what a scrape must read of
    each process at least, /proc/PID/stat and the size of /proc/PID/fd (its descriptor
    count); median of ``rounds``. Python's own cost per call is in it too."""
    spent = []
    for _ in range(rounds):
        t0 = time.process_time()
        for pid in pids:
            fd = os.open("/proc/%d/stat" % pid, os.O_RDONLY)
            os.read(fd, 1024)
            os.close(fd)
            os.stat("/proc/%d/fd" % pid)
        spent.append(time.process_time() - t0)
    return statistics.median(spent)


def metrics_scrapes(impl, args, rep):
    """Ours only (the reference has no /metrics): the largest fleet size RUNNING, then
    ``calls`` scrapes of /metrics (at least 5), one at a time as Prometheus makes them:
    the daemon's CPU and the wall time per scrape, the document's size, one OpenMetrics
    scrape checked for its `# EOF`, the worst wait of another client calling getState
    during three more; then the daemon's wake-ups while nobody scrapes (values are read
    at scrape time: nothing may be left running between scrapes)."""
    n = max(args.sizes)
    plain = b"GET /metrics HTTP/1.0\r\n\r\n"
    open_metrics = b"GET /metrics HTTP/1.0\r\nAccept: application/openmetrics-text; version=1.0.0\r\n\r\n"

    def scrape(d, request):
        head, _, body = d.rpc.post(request).partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.0 200") or body.count(b"\nnode_supervisord_up{") != n:
            raise BenchError("/metrics: %r, %d node_supervisord_up series (want %d)"
                             % (head.split(b"\r\n", 1)[0], body.count(b"\nnode_supervisord_up{"), n))
        return body

    def body(d):
        start_fleet(d, n)
        time.sleep(1.0)  # let start-up work settle
        cpus, walls = [], []
        for _ in range(max(5, args.calls)):
            cpu0, t0 = cpu_seconds(d.pid), time.perf_counter()
            document = scrape(d, plain)
            walls.append(time.perf_counter() - t0)
            cpus.append(cpu_seconds(d.pid) - cpu0)
        if not scrape(d, open_metrics).endswith(b"# EOF\n"):
            raise BenchError("the OpenMetrics document does not end with # EOF")
        waits = []
        for _ in range(3):
            thread = threading.Thread(target=scrape, args=(d, plain))
            thread.start()
            while thread.is_alive():
                waits.append(d.rpc.timed("supervisor.getState")[0])
            thread.join()
        floor = proc_floor([p["pid"] for p in d.rpc("supervisor.getAllProcessInfo")])
        time.sleep(1.0)
        wake0 = wakeups(d.pid)
        time.sleep(args.idle)
        return {("metrics_cpu", n): statistics.median(cpus) * 1000, ("metrics_proc_floor", n): floor * 1000,
                ("metrics_wall", n): statistics.median(walls) * 1000,
                ("metrics_getstate_wait", n): max(waits) * 1000,
                ("metrics_kib", n): len(document) / 1024.0,
                ("metrics_idle_wakeups", n): (wakeups(d.pid) - wake0) * 10.0 / args.idle}
    return run_daemon(impl, args, FLEET.format(n=n), body, n)


def jsonapi_list(impl, args, rep):
    """Ours only (the reference has no JSON API): the largest fleet size RUNNING, then
    ``calls`` (at least 5) rounds of GET /api/v1/processes and getAllProcessInfo, one
    after the other on the same daemon: the medians of each's wall time and daemon CPU,
    and the ratio JSON / XML-RPC. The JSON list has more in it (restarts, health, and the
    CPU and memory of each process tree, read from /proc when asked)."""
    n = max(args.sizes)
    request = b"GET /api/v1/processes HTTP/1.0\r\n\r\n"

    def body(d):
        start_fleet(d, n)
        time.sleep(1.0)  # let start-up work settle
        walls = {"json": [], "xml": []}
        cpus = {"json": [], "xml": []}
        for _ in range(max(5, args.calls)):
            cpu0, t0 = cpu_seconds(d.pid), time.perf_counter()
            head, _, document = d.rpc.post(request).partition(b"\r\n\r\n")
            walls["json"].append(time.perf_counter() - t0)
            cpus["json"].append(cpu_seconds(d.pid) - cpu0)
            listed = json.loads(document) if head.startswith(b"HTTP/1.0 200") else []
            if len(listed) != n or any(p["state"] != "RUNNING" or p["rss_bytes"] is None for p in listed):
                raise BenchError("GET /api/v1/processes: %r, %d processes (want %d RUNNING)"
                                 % (head.split(b"\r\n", 1)[0], len(listed), n))
            cpu0 = cpu_seconds(d.pid)
            wall, _, info = d.rpc.timed("supervisor.getAllProcessInfo")
            walls["xml"].append(wall)
            cpus["xml"].append(cpu_seconds(d.pid) - cpu0)
            if len(info) != n:
                raise BenchError("getAllProcessInfo returned %d entries" % len(info))
        json_wall, xml_wall = statistics.median(walls["json"]), statistics.median(walls["xml"])
        return {("jsonapi_list", n): json_wall * 1000, ("jsonapi_gapi", n): xml_wall * 1000,
                ("jsonapi_ratio", n): json_wall / xml_wall,
                ("jsonapi_list_cpu", n): statistics.median(cpus["json"]) * 1000,
                ("jsonapi_gapi_cpu", n): statistics.median(cpus["xml"]) * 1000,
                ("jsonapi_kib", n): len(document) / 1024.0}
    return run_daemon(impl, args, FLEET.format(n=n), body, n)


# --------------------------------------------------------------- figures
# A check gets (ours, reference, ours/floor), the last two None when not measured; it
# answers None when what it compares with was not measured.
def at_most(factor):
    return lambda ours, ref, ratio: None if ref is None else ours <= factor * ref


def below(limit):
    return lambda ours, ref, ratio: ours <= limit


def above(limit):
    return lambda ours, ref, ratio: ours >= limit


def floor_at_most(factor):
    return lambda ours, ref, ratio: None if ratio is None else ratio <= factor


FIGURES = {  # kind: (label, unit, format, target, check)
    "spawn": ("daemon start → all {n} RUNNING", "s", "%.3f", "≤ 1.1× floor", floor_at_most(1.1)),
    "spawn_client_cpu": ("  harness CPU while waiting for {n} RUNNING", "s", "%.3f", "(check)", None),
    "spawn_floor": ("  no daemon: the harness posix_spawns {n} sleeps until all sleep", "s", "%.3f",
                    "floor", None),
    "spawn_cpu_floor": ("  no daemon: the harness's CPU to posix_spawn the {n}", "CPU-s", "%.3f", "floor", None),
    "spawn_cpu": ("  daemon CPU from its start to all {n} RUNNING", "CPU-s", "%.3f", "report", None),
    "idle_cpu": ("idle daemon, {n} RUNNING: CPU per 10 s", "CPU-s", "%.4f", "≤ 1/10", at_most(0.1)),
    "idle_wakeups": ("idle daemon, {n} RUNNING: wake-ups per 10 s", "", "%.0f", "0", below(0)),
    "rss": ("VmRSS with {n} RUNNING", "MiB", "%.1f", "≤ 1/3", at_most(1 / 3.0)),
    "rss_per_child": ("  VmRSS per child beyond the first, {n} RUNNING", "KiB", "%.2f", "≤ 2 KiB", below(2)),
    "rss_base": ("VmRSS of an idle daemon with one program", "MiB", "%.2f", "≤ 6 MiB", below(6)),
    "rss_base_anon": ("  of which anonymous (RssAnon)", "MiB", "%.2f", "report", None),
    "rss_base_file": ("  of which mapped files (RssFile)", "MiB", "%.2f", "report", None),
    "threads_base": ("  threads of the idle daemon", "", "%.0f", "report", None),
    "gapi": ("getAllProcessInfo, {n} processes (median)", "ms", "%.2f", "≥ 100× faster",
             at_most(0.01)),
    "gapi_daemon_cpu": ("  daemon CPU per getAllProcessInfo call, {n}", "ms", "%.2f", "report", None),
    "gapi_client_cpu": ("  harness CPU per getAllProcessInfo call, {n}", "ms", "%.2f", "(check)",
                        None),
    "stopall_floor": ("  no daemon: the harness SIGTERMs {n} sleeps of its own and reaps them", "s",
                      "%.3f", "floor", None),
    "stopall": ("stopAllProcesses, {n} processes", "s", "%.3f", "≤ 1.3× floor", floor_at_most(1.3)),
    "stopall_cpu_floor": ("  no daemon: the harness's CPU to SIGTERM and reap the {n}", "CPU-s", "%.3f", "floor",
                          None),
    "stopall_cpu": ("  daemon CPU during the first stopAllProcesses, {n}", "CPU-s", "%.3f", "report", None),
    "respawn_floor_p50": ("  no daemon: the harness kills its own child, reaps it, starts another, median", "ms",
                          "%.2f", "floor", None),
    "respawn_child_p50": ("kill -9 → new child started, median", "ms", "%.2f", "≤ 5 ms", below(5)),
    "respawn_floor_p99": ("  no daemon: the same, p99", "ms", "%.2f", "floor", None),
    "respawn_child_p99": ("kill -9 → new child started, p99", "ms", "%.2f", "—", None),
    "respawn_running_p50": ("kill -9 → RUNNING in the log, median", "ms", "%.2f", "—", None),
    "respawn_running_p99": ("kill -9 → RUNNING in the log, p99", "ms", "%.2f", "—", None),
    "respawn_client_cpu": ("  harness CPU per kill/respawn cycle", "ms", "%.2f", "(check)", None),
    "crash_rate": ("crash loop (`/bin/false`, autorestart): spawns per second", "", "%.2f", "report", None),
    "crash_cpu_share": ("  daemon CPU during the crash loop (share of a core)", "%", "%.3f", "report", None),
    "crash_floor": ("  no daemon: the harness's CPU to posix_spawn `/bin/false` and reap it", "ms", "%.3f",
                    "floor", None),
    "crash_cpu": ("  daemon CPU per crash-loop spawn", "ms", "%.3f", "report", None),
    "throughput_base": ("dd piped into `cat > file`, same run", "MiB/s", "%.0f", "—", None),
    "throughput": ("child stdout → rotating log", "MiB/s", "%.0f", "—", None),
    "throughput_share": ("  as a share of dd piped into `cat`", "%", "%.1f", "≥ 100 %", above(100)),
    "throughput_cat_cpu": ("  no daemon: cat's CPU per GiB in the pipeline above", "CPU-s", "%.3f", "floor", None),
    "throughput_cpu": ("  daemon CPU per GiB", "CPU-s", "%.3f", "≤ 0.1", below(0.1)),
    "lines_base": ("dd of 100-byte lines piped into `cat > file`, same run", "MiB/s", "%.0f", "—", None),
    "lines_cat_cpu": ("  no daemon: cat's CPU per GiB of the lines in the pipeline above", "CPU-s", "%.2f", "floor",
                      None),
    "lines_timestamps": ("the lines → rotating log, with timestamps", "MiB/s", "%.0f", "—", None),
    "lines_timestamps_share": ("  as a share of the lines piped into `cat`", "%", "%.1f", "≥ 70 %", above(70)),
    "lines_timestamps_cpu": ("  daemon CPU per GiB of lines", "CPU-s", "%.2f", "report", None),
    "lines_json": ("the lines → rotating log, as JSON lines", "MiB/s", "%.0f", "—", None),
    "lines_json_share": ("  as a share of the lines piped into `cat`", "%", "%.1f", "≥ 70 %", above(70)),
    "lines_json_cpu": ("  daemon CPU per GiB of lines", "CPU-s", "%.2f", "report", None),
    "multicall": ("system.multicall of {n} getState calls", "ms", "%.1f", "< reference", at_most(1)),
    "multicall_wait": ("  another client's worst getState wait meanwhile, {n}", "ms", "%.1f", "≤ 50 ms",
                       below(50)),
    "multicall_rss_before": ("  daemon VmRSS before the multicall", "MiB", "%.1f", "—", None),
    "multicall_rss_after": ("  daemon VmRSS after the multicall", "MiB", "%.1f", "—", None),
    "flood_connections": ("2,000 idle connections at RLIMIT_NOFILE 1100, 200 RUNNING: connects that "
                          "succeeded", "", "%.0f", "—", None),
    "flood_kept_ok": ("  getState answered within 2 s on a connection opened before", "%", "%.0f",
                      "100 %", above(100)),
    "flood_new_ok": ("  getState answered within 2 s on a new connection", "%", "%.0f", "report", None),
    "flood_cpu": ("  daemon CPU while the flood waits (share of a core)", "%", "%.1f", "≤ 5 %", below(5)),
    "health_floor": ("  no daemon: the harness connects to the same socket and closes, {n} times "
                     "(CPU × 60/{interval})", "CPU-s per minute", "%.4f", "floor", None),
    "health_cpu": ("{n} RUNNING, each with a `tcp:` healthcheck every {interval} s: daemon CPU",
                   "CPU-s per minute", "%.4f", "report", None),
    "health_vs_floor": ("  daemon CPU / the floor above", "×", "%.2f", "report", None),
    "health_wakeups": ("  daemon wake-ups per minute", "", "%.0f", "report", None),
    "health_checks": ("  checks per minute (connections the harness accepted)", "", "%.0f", "(check)",
                      None),
    "metrics_proc_floor": ("  no daemon: the harness reads /proc/PID/stat and stats /proc/PID/fd of the {n} "
                           "(CPU)", "ms", "%.2f", "floor", None),
    "metrics_cpu": ("GET /metrics, {n} RUNNING: daemon CPU per scrape (median)", "ms", "%.2f", "< 20 ms",
                    below(20)),
    "metrics_wall": ("  GET /metrics, {n}: wall time per scrape (median)", "ms", "%.2f", "report", None),
    "metrics_getstate_wait": ("  another client's worst getState wait during 3 scrapes", "ms", "%.1f", "report",
                              None),
    "metrics_kib": ("  /metrics document, {n} processes", "KiB", "%.0f", "report", None),
    "metrics_idle_wakeups": ("  after the scrapes, idle: wake-ups per 10 s", "", "%.0f", "0", below(0)),
    "jsonapi_list": ("GET /api/v1/processes, {n} RUNNING: wall time (median)", "ms", "%.2f", "report", None),
    "jsonapi_gapi": ("  getAllProcessInfo on the same daemon, {n} (median)", "ms", "%.2f", "report", None),
    "jsonapi_ratio": ("  JSON list / getAllProcessInfo, wall time", "×", "%.2f", "report", None),
    "jsonapi_list_cpu": ("  daemon CPU per JSON list, {n}", "ms", "%.2f", "report", None),
    "jsonapi_gapi_cpu": ("  daemon CPU per getAllProcessInfo, {n}", "ms", "%.2f", "report", None),
    "jsonapi_kib": ("  JSON list document, {n} processes", "KiB", "%.0f", "report", None),
    "ctl_status": ("`supervisorctl status` cold start, {n} processes", "ms", "%.0f",
                   "≥ 10× faster", at_most(0.1)),
}


def split_key(key):
    return key if isinstance(key, tuple) else (key, None)


def describe(key, args):
    kind, n = split_key(key)
    label, unit = FIGURES[kind][:2]
    label = label.format(n="{:,}".format(n) if n else "", interval="%g" % args.health_interval)
    return label + (" (%s)" % unit if unit else "")


def cell(values, fmt):
    if not values:
        return "—"
    med = fmt % statistics.median(values)
    if len(values) > 1:
        med += " (%s–%s)" % (fmt % min(values), fmt % max(values))
    return med


# Each figure's floor (the same work done by the harness with no supervisor, measured in
# the same run), printed next to it with ours/floor; a floor shown so has no row of its own.
FLOORS = {
    "spawn": "spawn_floor", "stopall": "stopall_floor", "spawn_cpu": "spawn_cpu_floor",
    "stopall_cpu": "stopall_cpu_floor", "respawn_child_p50": "respawn_floor_p50",
    "respawn_child_p99": "respawn_floor_p99", "crash_cpu": "crash_floor", "throughput": "throughput_base",
    "lines_timestamps": "lines_base", "lines_json": "lines_base", "health_cpu": "health_floor",
    "metrics_cpu": "metrics_proc_floor",
}


def floor_ratio(values, floors):
    """Ours over the floor: the median of the ratios of each repetition (both measured in
    it) when every repetition has both, else the ratio of the medians."""
    if not values or not floors:
        return None
    if len(values) == len(floors):
        return statistics.median(v / f for v, f in zip(values, floors) if f) if all(floors) else None
    return statistics.median(values) / statistics.median(floors) if statistics.median(floors) else None


def table(results, args):
    rows = ["| figure | reference | ours | ours/ref | floor | ours/floor | target | met |",
            "|---|---|---|---|---|---|---|---|"]
    shown_floors = {(FLOORS[split_key(k)[0]], split_key(k)[1]) for k in results if split_key(k)[0] in FLOORS}
    for key, per_impl in results.items():
        kind, n = split_key(key)
        if (kind, n) in shown_floors:
            continue
        _, _, fmt, target, check = FIGURES[kind]
        ref, ours = per_impl.get("reference", []), per_impl.get("ours", [])
        ref_med = statistics.median(ref) if ref else None
        ours_med = statistics.median(ours) if ours else None
        ratio = "%.3g" % (ours_med / ref_med) if ours and ref and ref_med else "—"
        floor_kind = FLOORS.get(kind)
        floors = results.get(floor_kind if n is None else (floor_kind, n), {}).get("ours", []) if floor_kind else []
        of_floor = floor_ratio(ours, floors)
        met = "—"
        verdict = check(ours_med, ref_med, of_floor) if check and ours else None
        if verdict is not None:
            met = "yes" if verdict else "**no**"
        if not ref and n == args.huge:
            target, met = "report", "—"
        rows.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            describe(key, args), cell(ref, fmt), cell(ours, fmt), ratio,
            cell(floors, FIGURES[floor_kind][2]) if floors else "—",
            "%.3g" % of_floor if of_floor is not None else "—", target, met))
    return "\n".join(rows)


# --------------------------------------------------------------- main
def machine():
    def first(path, prefix):
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
        return "?"
    mem = int(first("/proc/meminfo", "MemTotal").split()[0]) / 1024.0 / 1024.0
    return "%d CPUs (%s), %.1f GiB, Linux %s" % (os.cpu_count(), first("/proc/cpuinfo", "model name"),
                                                 mem, platform.release())


def raise_fd_limit(need):
    """Raise the open-file limit towards ``need``; returns the limit we got
    (the hard limit can only grow with CAP_SYS_RESOURCE)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= need:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, max(hard, need)))
        return need
    except (ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        print("warning: open-file limit %d < %d wanted" % (hard, need), file=sys.stderr)
        return hard


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_const", dest="profile", const="quick",
                      help="one repetition, shorter scenarios, no 10,000-process run")
    mode.add_argument("--smoke", action="store_const", dest="profile", const="smoke",
                      help="every scenario at tiny sizes (for CI); timings never fail")
    p.add_argument("--reps", type=int, help="repetitions per scenario and daemon")
    p.add_argument("--huge", type=int, help="size of the ours-only run (0 = skip)")
    p.add_argument("--idle", type=float, help="seconds of the idle measurement")
    p.add_argument("--only", help="comma-separated scenarios: %s" % ", ".join(SCENARIOS))
    p.add_argument("--ours-only", action="store_true",
                   help="skip the reference (e.g. to compare two builds of ours by their ratios to the floors)")
    p.add_argument("--ours-bin", default=os.path.join(ROOT, ".build-bench", "release"),
                   help="directory with our supervisord and supervisorctl")
    p.add_argument("--workdir", default=None, help="parent of the temp dirs")
    p.add_argument("--out", help="also write the report to this file")
    p.set_defaults(profile="full")
    args = p.parse_args(argv)
    for name, value in PROFILES[args.profile].items():
        if getattr(args, name, None) is None:
            setattr(args, name, value)
    args.latency_budget = 1.0 if args.profile == "smoke" else 20.0
    args.bin = {"ours": os.path.abspath(args.ours_bin), "reference": REFERENCE_BIN}
    return args


SCENARIOS = ("fleet", "memory", "respawn", "crashloop", "throughput", "lines", "ctl", "multicall", "flood", "health", "metrics",
             "jsonapi", "huge")


def plan(args):
    """(name, scenario, impls, reps) in the order they run."""
    only = set(args.only.split(",")) if args.only else set(SCENARIOS)
    unknown = only - set(SCENARIOS)
    if unknown:
        sys.exit("unknown scenario(s): %s" % ", ".join(sorted(unknown)))
    steps = []
    if "fleet" in only:
        steps += [("fleet %d" % n, fleet(n), IMPLS, args.reps) for n in args.sizes]
    if "memory" in only:
        steps.append(("memory, one program", memory_base, IMPLS, args.reps))
    if "respawn" in only:
        steps.append(("respawn", respawn, IMPLS, args.reps))
    if "crashloop" in only:
        steps.append(("crash loop", crash_loop, IMPLS, args.reps))
    if "throughput" in only:
        steps.append(("throughput", throughput, IMPLS, args.reps))
    if "lines" in only:
        steps.append(("line throughput (ours only)", line_throughput, ("ours",), args.reps))
    if "ctl" in only:
        steps.append(("ctl status", ctl_status, IMPLS, args.reps))
    if "multicall" in only:
        steps.append(("multicall", multicall, IMPLS, args.reps))
    if "flood" in only:
        steps.append(("descriptor flood", descriptor_flood, IMPLS, args.reps))
    if "health" in only:
        steps.append(("health checks %d (ours only)" % args.health_procs, health_checks, ("ours",),
                      args.reps))
    if "metrics" in only:
        steps.append(("metrics %d (ours only)" % max(args.sizes), metrics_scrapes, ("ours",), args.reps))
    if "jsonapi" in only:
        steps.append(("jsonapi %d (ours only)" % max(args.sizes), jsonapi_list, ("ours",), args.reps))
    if "huge" in only and args.huge:
        n = min(args.huge, args.fd_limit - 200)
        if n < args.huge:
            print("warning: the open-file limit (%d) allows %d processes, not %d"
                  % (args.fd_limit, n, args.huge), file=sys.stderr)
        args.huge = n
        steps.append(("fleet %d (ours only, lean)" % n, fleet(n, lean=True), ("ours",), 1))
    return steps


def main(argv):
    args = parse_args(argv)
    for impl in IMPLS:
        for name in ("supervisord", "supervisorctl"):
            if not os.access(os.path.join(args.bin[impl], name), os.X_OK):
                sys.exit("%s %s not found in %s" % (impl, name, args.bin[impl]))
    args.fd_limit = raise_fd_limit(max(5 * max(args.sizes), args.huge) + 4096)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))

    results, failures = {}, []
    load_at_start = os.getloadavg()
    started = time.monotonic()
    try:
        for name, scenario, impls, reps in plan(args):
            if args.ours_only:
                impls = ("ours",)
            for rep in range(reps):
                order = impls if rep % 2 == 0 else impls[::-1]
                for impl in order:
                    print("[%5.0fs] %s, rep %d/%d, %s" % (time.monotonic() - started, name,
                                                         rep + 1, reps, impl),
                          file=sys.stderr, flush=True)
                    try:
                        figures = scenario(impl, args, rep)
                    except (BenchError, OSError, xmlrpc.client.Error,
                            subprocess.SubprocessError) as exc:
                        failures.append("%s (%s, rep %d): %s" % (name, impl, rep + 1, exc))
                        print("  FAILED: %s" % exc, file=sys.stderr, flush=True)
                        continue
                    for key, value in figures.items():
                        results.setdefault(key, {}).setdefault(impl, []).append(value)
                    print("  " + ", ".join("%s=%.4g" % (k if isinstance(k, str) else "%s[%d]" % k, v)
                                           for k, v in figures.items()), file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        failures.append("interrupted")
    finally:
        for daemon in list(Daemon.live):
            daemon.cleanup()
        for directory in Daemon.finished_dirs:
            shutil.rmtree(directory, ignore_errors=True)

    results = per_child(results)
    report = "\n".join([
        "Machine: " + machine(),
        "Command: " + os.environ.get("BENCH_COMMAND", "bench/harness.py " + " ".join(argv)),
        "Profile: %s, %d repetition(s); medians, (min–max) over repetitions; "
        "total %.0f s" % (args.profile, args.reps, time.monotonic() - started),
        "Load average (1, 5, 15 min) at the start %s, at the end %s (the machine is shared: "
        "compare ratios measured in the same run)" % ("/".join("%.2f" % x for x in load_at_start),
                                                     "/".join("%.2f" % x for x in os.getloadavg())),
        "",
        table(results, args),
        "",
    ] + ["FAILED: " + f for f in failures])
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
