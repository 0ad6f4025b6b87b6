"""/api/v1/events, the live event stream (ours only: the reference has no JSON API): state
changes in order with increasing ids, what a reconnecting client missed (or `lost` when
the buffer no longer holds it), log lines on request, and resource samples taken only
while such a client is connected."""

import base64
import json
import os
import time

import harness
from api import rawhttp
from api.sse import EventStream

REASON = "/api/v1/events is ours; the reference has no JSON API"

SLEEPER = """
[program:sleeper]
command=sleep 1000
startsecs=0
"""

# The state changes of a stopProcess then a startProcess, in order.
STOP_THEN_START = [("RUNNING", "STOPPING"), ("STOPPING", "STOPPED"), ("STOPPED", "STARTING"), ("STARTING", "RUNNING")]


def state_changes(messages, name):
    return [(m.json()["from"], m.json()["to"]) for m in messages if m.event == "state" and m.json()["name"] == name]


def test_stop_and_start_arrive_in_order_with_increasing_ids(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start(SLEEPER)
    d.wait_for_state("sleeper", "RUNNING")
    stream = EventStream(d.sock)
    try:
        assert stream.status == 200
        assert stream.headers["content-type"] == "text/event-stream"
        d.rpc.supervisor.stopProcess("sleeper")
        d.rpc.supervisor.startProcess("sleeper")
        seen = stream.wait_for(lambda m: m.event == "state" and m.json()["to"] == "RUNNING", what="RUNNING")
        assert stream.retry == 2000
        assert state_changes(seen, "sleeper") == STOP_THEN_START
        ids = [m.id for m in seen]
        assert all(i is not None for i in ids) and ids == sorted(set(ids)), ids
        running = seen[-1].json()
        assert running["group"] == "sleeper" and running["pid"] == d.info("sleeper")["pid"]
        assert abs(running["time"] - time.time()) < 60
    finally:
        stream.close()


def test_reconnect_with_last_event_id_gets_what_was_missed(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start(SLEEPER)
    d.wait_for_state("sleeper", "RUNNING")
    # From the start: the groups were added, the daemon runs, the process started.
    first = EventStream(d.sock, headers={"Last-Event-ID": "0"})
    seen = first.wait_for(lambda m: m.event == "state" and m.json()["to"] == "RUNNING", what="the first start")
    first.close()
    assert [m.event for m in seen[:2]] == ["group", "supervisor"]
    assert seen[0].json() == {"group": "sleeper", "change": "added"} and seen[0].id == 1
    assert seen[1].json() == {"state": "RUNNING"}
    last_id = seen[-1].id

    d.rpc.supervisor.stopProcess("sleeper")
    d.rpc.supervisor.startProcess("sleeper")
    again = EventStream(d.sock, headers={"Last-Event-ID": str(last_id)})
    try:
        missed = again.wait_for(lambda m: m.event == "state" and m.json()["to"] == "RUNNING", what="the missed start")
        assert [m.id for m in missed] == list(range(last_id + 1, last_id + 5))
        assert state_changes(missed, "sleeper") == STOP_THEN_START
        # Then the live ones, numbered on.
        d.rpc.supervisor.stopProcess("sleeper")
        live = again.wait_for(lambda m: m.event == "state" and m.json()["to"] == "STOPPED", what="a live stop")
        assert [m.id for m in live] == [last_id + 5, last_id + 6]
    finally:
        again.close()


def test_lost_when_the_buffer_no_longer_holds_the_missed_events(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("""
[program:pool]
command=sleep 1000
process_name=%(program_name)s_%(process_num)02d
numprocs=50
startsecs=0
""", loglevel="info")
    harness.wait_until(lambda: all(p["statename"] == "RUNNING" for p in d.all_info()), message="the pool running")
    # 50 processes x 4 state changes per stop and start: 6 rounds make 1,200 events.
    for _ in range(6):
        d.rpc.supervisor.stopAllProcesses()
        d.rpc.supervisor.startAllProcesses()
    stream = EventStream(d.sock, headers={"Last-Event-ID": "1"})
    try:
        lost = stream.next()
        assert lost.event == "lost" and lost.id is None
        assert lost.json()["from"] == 1
        oldest = lost.json()["oldest"]
        replayed = [stream.next() for _ in range(1000)]
        assert [m.id for m in replayed] == list(range(oldest, oldest + 1000))
        assert all(m.event == "state" for m in replayed)
    finally:
        stream.close()
    # An id this run never gave out (a client of an earlier run of the daemon): told too.
    stream = EventStream(d.sock, headers={"Last-Event-ID": str(10 ** 9)})
    try:
        lost = stream.next()
        assert lost.event == "lost" and lost.json() == {"from": 10 ** 9, "oldest": oldest}
    finally:
        stream.close()


def test_log_lines_of_the_processes_asked_for(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("""
[program:talker]
command=sh -c 'i=0; while :; do i=$((i+1)); echo "line $i"; echo "err $i" >&2; sleep 0.1; done'
startsecs=0

[program:other]
command=sh -c 'while :; do echo other; sleep 0.1; done'
startsecs=0
""")
    d.wait_for_state("talker", "RUNNING")
    stream = EventStream(d.sock, path="/api/v1/events?logs=talker")
    try:
        seen = stream.wait_for(lambda m: m.event == "log" and m.json()["data"] == "line 3" or
                               m.event == "log" and int(m.json()["data"].split()[1]) > 3, what="a few lines")
        logs = [m.json() for m in seen if m.event == "log"]
        assert logs and all(entry["name"] == "talker" and entry["group"] == "talker" for entry in logs)
        assert {entry["stream"] for entry in logs} <= {"stdout", "stderr"}
        numbers = [int(entry["data"].split()[1]) for entry in logs if entry["stream"] == "stdout"]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
        # Not replayed: a reconnect gets the numbered events only.
        assert all(m.id is None for m in seen if m.event == "log")
    finally:
        stream.close()
    status, headers, body = rawhttp.request(d.sock, "GET", "/api/v1/events?logs=talker,nope")
    assert status == 404 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"error": {"code": "BAD_NAME", "fault": 10, "message": "no such process: nope"}}


def voluntary_switches(pid):
    total = 0
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/status" % (pid, task)) as f:
            total += next(int(line.split()[1]) for line in f if line.startswith("voluntary_ctxt_switches:"))
    return total


def test_resource_samples_only_while_a_client_asks_for_them(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start("""
[program:burner]
command=sh -c 'while :; do :; done'
startsecs=0
""" + SLEEPER)
    d.wait_for_state("burner", "RUNNING")
    d.wait_for_state("sleeper", "RUNNING")
    # A client without resources=1 is no watcher: the sampling below stops when its own
    # client leaves although this one stays.
    plain = EventStream(d.sock)
    watcher = EventStream(d.sock, path="/api/v1/events?resources=1")
    try:
        first = watcher.wait_for(lambda m: m.event == "resources", timeout=5, what="the first sample")[-1].json()
        by_name = {p["name"]: p for p in first["processes"]}
        assert set(by_name) == {"burner", "sleeper"}
        assert by_name["burner"]["rss_bytes"] > 0 and by_name["burner"]["state"] == "RUNNING"
        assert by_name["burner"]["pid"] == d.info("burner")["pid"] and by_name["burner"]["restarts"] == 0
        # CPU % needs two readings: the next round, two seconds later.
        second = watcher.wait_for(lambda m: m.event == "resources", timeout=5, what="the second sample")[-1].json()
        by_name = {p["name"]: p for p in second["processes"]}
        assert second["time"] - first["time"] >= 1.5
        assert by_name["burner"]["cpu_percent"] > 5, by_name
        assert by_name["sleeper"]["cpu_percent"] < by_name["burner"]["cpu_percent"]
        d.wait_for_log(r"DEBG resource sampling started")
    finally:
        watcher.close()
    try:
        d.wait_for_log(r"DEBG resource sampling stopped")
        # Nobody asks for samples any more: the daemon is not woken at all (the other
        # client's stream waits for events, which an idle daemon does not have).
        # Once the close has been handled the daemon's threads block and stay blocked (but
        # for one last wake-up at the cancelled timer's deadline, NIO's timer being armed
        # still): settled when nothing changed over a whole sampling interval.
        settled = [(time.monotonic(), voluntary_switches(d.proc.pid))]

        def unchanged():
            time.sleep(0.25)
            now = (time.monotonic(), voluntary_switches(d.proc.pid))
            settled.append(now)
            return any(at <= now[0] - 2.25 for at, _ in settled) and all(
                count == now[1] for at, count in settled if at >= now[0] - 2.25)
        harness.wait_until(unchanged, timeout=15, message="the daemon to settle after the client left")
        before = settled[-1][1]
        window = time.monotonic() + 2 * 2.0 + 0.5  # two sampling intervals and a half
        while time.monotonic() < window:
            time.sleep(0.25)
        assert voluntary_switches(d.proc.pid) - before == 0
        assert d.main_log().count("resource sampling started") == 1
    finally:
        plain.close()


def test_the_stream_is_behind_the_servers_credentials(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    port = harness.free_port()
    d = supervisord.start("[inet_http_server]\nport=127.0.0.1:%d\nusername=admin\npassword=secret\n" % port + SLEEPER)
    refused = EventStream(tcp=("127.0.0.1", port))
    assert refused.status == 401
    refused.close()
    token = base64.b64encode(b"admin:secret").decode()
    admitted = EventStream(tcp=("127.0.0.1", port), headers={"Authorization": "Basic " + token, "Last-Event-ID": "0"})
    try:
        assert admitted.status == 200
        assert admitted.next().event == "group"
    finally:
        admitted.close()
