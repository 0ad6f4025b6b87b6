"""Rolling restarts (ours only): `supervisorctl restart --rolling GROUP` and
`supervisor.rollingRestartGroup(name, batch)` restart a group's processes a batch
at a time in process order, each batch once the one before is RUNNING (with
`ready=tcp:` checks: accepting connections), and stop at the first process that
does not come back, leaving the later ones untouched."""

import collections
import random
import re
import socket
import threading
import time
import xmlrpc.client

import pytest

import harness

from . import ctlrun

# A pool member (tests/e2e/programs/tcp_server.py) takes 0.3 s to start listening, so
# that a restart that did not wait for readiness would leave a gap; on SIGTERM it goes on
# accepting for 0.1 s before it exits, as servers drain, so that a probe round shorter
# than that (Prober.SNAPSHOT) cannot see the next process go down before it sees the
# restarted one up.
# With the flag file broken-N it exits at once: it does not come back.
POOL = """
[program:pool]
command=%s
process_name=%%(program_name)s_%%(process_num)d
numprocs=4
ready=tcp:127.0.0.1:{prefix}%%(process_num)d
ready_interval=0.1
""" % harness.program_command("tcp_server.py", "{prefix}%(process_num)d", "--after", 0.3,
                              "--exit-if", "{tmp}/broken-%(process_num)d", "--drain", 0.1)

NAMES = ["pool:pool_%d" % n for n in range(4)]


def port_prefix():
    """A prefix P whose ports P0..P3 are free, below the ephemeral range."""
    for _ in range(100):
        prefix = random.randrange(1000, 3200)
        sockets = []
        try:
            for n in range(4):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", prefix * 10 + n))
            return prefix
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise AssertionError("no four free ports in a row")


def start_pool(supervisord, impl):
    harness.deliberate_difference(impl, "rolling restarts and ready= are ours")
    prefix = port_prefix()
    d = supervisord.start(POOL.replace("{prefix}", str(prefix)))
    for name in NAMES:
        d.wait_for_state(name, "RUNNING")
    d.ports = [prefix * 10 + n for n in range(4)]
    return d


def pids(d):
    return [d.info(name)["pid"] for name in NAMES]


def answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


class Prober(threading.Thread):
    """Probes every port, round after round, until stopped. `rounds` holds (how many
    answered, how long the round took) for each round; `snapshots` how many answered in
    each round that took less than SNAPSHOT seconds: less than a pool member's drain, so
    such a round is as good as a snapshot (two processes it sees down were down at the
    same moment). Longer rounds prove nothing: on a busy machine the prober may not be
    scheduled for a while, or a server that fell behind with its accepts has a full
    backlog, and the kernel makes a connect wait a second for its SYN to be sent again."""

    SNAPSHOT = 0.05

    def __init__(self, ports):
        super().__init__(daemon=True)
        self.ports = ports
        self.rounds = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            began = time.monotonic()
            answered = sum(answers(port) for port in self.ports)
            self.rounds.append((answered, time.monotonic() - began))

    @property
    def snapshots(self):
        return [answered for answered, seconds in self.rounds if seconds < self.SNAPSHOT]

    def summary(self):
        counts = collections.Counter(self.snapshots)
        return "%d rounds, %d snapshots (answers: how many) %s, longest round %.3f s" % (
            len(self.rounds), len(self.snapshots), dict(sorted(counts.items())),
            max(seconds for _, seconds in self.rounds))

    def stop(self):
        self.halt.set()
        self.join(timeout=10)


def ctl(d, *args):
    return ctlrun.run("ours", args, conf=d.conf_path, cwd=d.tmp)


def rolling_events(d):
    """(event, process) for each stop, spawn and RUNNING after the rolling restart began."""
    log = d.main_log()
    start = log.index("rolling restart of 'pool': 4 processes, ")
    return re.findall(r"(stopped|spawned|success): '?(pool_\d)", log[start:])


def in_process_order(numbers):
    return [(event, "pool_%d" % n) for n in numbers for event in ("stopped", "spawned", "success")]


def test_rolling_restart_keeps_three_of_four_answering_and_goes_in_process_order(supervisord, impl):
    d = start_pool(supervisord, impl)
    before = pids(d)
    assert all(answers(port) for port in d.ports)
    prober = Prober(d.ports)
    prober.start()
    harness.wait_until(lambda: len(prober.rounds) >= 5, message="the first probe rounds")
    status, out, err = ctl(d, "restart", "--rolling", "pool:*")
    prober.stop()
    assert (status, err) == (0, ""), (status, out, err)
    assert out == "".join("%s: stopped\n%s: started\n" % (name, name) for name in NAMES)
    snapshots = prober.snapshots
    assert min(snapshots) >= 3, prober.summary()
    # The probes did see processes go down (one at a time), over many rounds.
    assert 3 in snapshots and len(snapshots) >= 20, prober.summary()
    after = pids(d)
    assert all(old != new for old, new in zip(before, after)), (before, after)
    assert all(d.info(name)["statename"] == "RUNNING" for name in NAMES)
    assert rolling_events(d) == in_process_order(range(4)), d.main_log()
    assert "INFO rolling restart of 'pool': 4 processes, 1 at a time" in d.main_log()
    assert "INFO rolling restart of 'pool' done" in d.main_log()


def test_a_process_that_does_not_come_back_stops_the_roll(supervisord, impl):
    d = start_pool(supervisord, impl)
    before = pids(d)
    d.write_file("broken-2", "")
    status, out, err = ctl(d, "restart", "--rolling", "pool")
    assert err == ""
    assert out == ("pool:pool_0: stopped\npool:pool_0: started\npool:pool_1: stopped\npool:pool_1: started\n"
                   "pool:pool_2: ERROR (spawn error)\npool: ERROR (rolling restart stopped at pool:pool_2)\n"), out
    assert status == 7  # as supervisorctl start exits when a start fails (LSB "not running")
    after = pids(d)
    assert before[0] != after[0] and before[1] != after[1]
    # The one after it is untouched: same process, still RUNNING.
    assert after[3] == before[3] and d.info("pool:pool_3")["statename"] == "RUNNING"
    assert d.info("pool:pool_2")["statename"] in ("BACKOFF", "STARTING", "FATAL")
    assert rolling_events(d)[:6] == in_process_order(range(2))
    assert "WARN rolling restart of 'pool' stopped at pool_2; not restarted: pool_3" in d.main_log()


def test_usage_errors_and_unknown_groups(supervisord, impl):
    d = start_pool(supervisord, impl)
    before = pids(d)
    usage = ("restart --rolling <gname>\t\tRestart a group's processes one at a time,\n"
             "\t\t\t\teach once the one before is RUNNING\n"
             "restart --rolling --batch N <gname>\tThe same, N processes at a time\n")
    for args, error in [
        (["--rolling"], "Error: restart --rolling requires a group name"),
        (["--rolling", "--now", "pool:*"], "Error: unknown option --now"),
        (["--rolling", "--batch", "0", "pool:*"], "Error: --batch requires a number of processes, 1 or more"),
        (["--rolling", "pool:pool_1"], "Error: restart --rolling takes a group (pool or pool:*), not the process pool_1"),
        (["--rolling", "pool", "other"], "Error: restart --rolling takes one group"),
    ]:
        assert ctl(d, "restart", *args) == (1, error + "\n" + usage, ""), args
    assert ctl(d, "restart", "--rolling", "nosuch:*") == (2, "nosuch: ERROR (no such group)\n", "")
    assert pids(d) == before


def test_batches_of_two(supervisord, impl):
    d = start_pool(supervisord, impl)
    status, out, err = ctl(d, "restart", "--rolling", "--batch", "2", "pool:*")
    assert (status, err) == (0, ""), (status, out, err)
    events = rolling_events(d)
    # Both of a batch are RUNNING before anything of the next batch is stopped.
    first, second = events[:6], events[6:]
    assert {p for _, p in first} == {"pool_0", "pool_1"} and {p for _, p in second} == {"pool_2", "pool_3"}, events
    assert len(second) == 6


def test_the_xmlrpc_method(supervisord, impl):
    d = start_pool(supervisord, impl)
    # A process that is not running is started in its turn.
    assert d.rpc.supervisor.stopProcess("pool:pool_1") is True
    before = pids(d)
    result = d.rpc.supervisor.rollingRestartGroup("pool")
    assert result == [{"name": "pool_%d" % n, "group": "pool", "status": 80, "description": "OK"} for n in range(4)]
    after = pids(d)
    assert before[1] == 0 and all(old != new for old, new in zip(before, after)), (before, after)
    assert all(d.info(name)["statename"] == "RUNNING" for name in NAMES)
    for params, code, text in [
        (("nosuch",), 10, "BAD_NAME: nosuch"),
        (("pool", 0), 3, "BAD_ARGUMENTS"),
        (("pool", -1), 3, "BAD_ARGUMENTS"),
        (("pool", "x"), 2, "INCORRECT_PARAMETERS"),
        ((), 2, "INCORRECT_PARAMETERS"),
        (("pool", 1, 2), 2, "INCORRECT_PARAMETERS"),
    ]:
        try:
            d.rpc.supervisor.rollingRestartGroup(*params)
        except xmlrpc.client.Fault as fault:
            assert (fault.faultCode, fault.faultString) == (code, text), params
        else:
            raise AssertionError("no fault for %r" % (params,))
    assert d.rpc.system.methodSignature("supervisor.rollingRestartGroup") == ["array", "string", "int"]
    assert "batch" in d.rpc.system.methodHelp("supervisor.rollingRestartGroup")
    # system.listMethods stays the reference's list (clients compare it).
    assert "supervisor.rollingRestartGroup" not in d.rpc.system.listMethods()


def test_our_ctl_against_the_reference_daemon_says_it_has_no_rolling_restarts(supervisord, impl):
    if impl != "reference":
        pytest.skip("this asks the reference daemon, which has no rollingRestartGroup")
    d = supervisord.start("[program:pool]\ncommand=sleep 1000\nstartsecs=0\n")
    d.wait_for_state("pool", "RUNNING")
    pid = d.info("pool")["pid"]
    assert ctl(d, "restart", "--rolling", "pool") == (
        1, "Error: this supervisord has no rolling restarts (supervisor.rollingRestartGroup)\n", "")
    assert d.info("pool")["pid"] == pid
