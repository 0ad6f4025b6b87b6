"""The JSON API under /api/v1/ (ours only: the reference has XML-RPC alone). Every action
is checked against the real processes (their pids in /proc) and against XML-RPC, which
must tell the same story."""

import http.client
import os

import harness
from api import jsonapi, rawhttp

REASON = "the JSON API is ours; the reference has XML-RPC only"

PROGRAMS = """
[program:web]
command=sleep 1000
startsecs=0
stopwaitsecs=2

[program:slow]
command=sleep 1000
startsecs=2
autostart=false

[program:talker]
command=sh -c "printf 'a\\303\\251\\n'; printf 'x\\377y\\n' >&2; exec sleep 1000"
startsecs=0

[program:cat]
command=cat
startsecs=0

[program:pool]
command=sleep 1000
process_name=w_%(process_num)d
numprocs=2
startsecs=0
stopwaitsecs=2
"""


def start(supervisord, impl, programs=PROGRAMS, extra=""):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start(programs, supervisord_extra=extra)
    harness.wait_until(lambda: all(p["statename"] == "RUNNING" for p in d.all_info() if p["name"] != "slow"),
                       message="every autostart process RUNNING")
    return d


def test_start_stop_restart_change_the_real_process(supervisord, impl):
    d = start(supervisord, impl)
    web = jsonapi.ok(d, "GET", "processes/web")
    first = web["pid"]
    assert web["state"] == "RUNNING" and web["statecode"] == 20 and harness.pid_alive(first)
    assert web["namespec"] == "web" and web["group"] == "web" and web["depends_on"] == []
    assert web["pid"] == d.info("web")["pid"]
    assert web["rss_bytes"] > 0 and web["cpu_seconds"] >= 0 and web["health"] is None

    stopped = jsonapi.ok(d, "POST", "processes/web/stop")
    assert stopped["state"] == "STOPPED" and stopped["pid"] == 0
    assert stopped["cpu_seconds"] is None and stopped["rss_bytes"] is None
    assert not harness.pid_alive(first)
    assert d.info("web")["statename"] == "STOPPED"

    started = jsonapi.ok(d, "POST", "processes/web/start")
    second = started["pid"]
    assert started["state"] == "RUNNING" and second not in (0, first) and harness.pid_alive(second)
    assert d.info("web")["pid"] == second

    restarted = jsonapi.ok(d, "POST", "processes/web/restart")
    third = restarted["pid"]
    assert restarted["state"] == "RUNNING" and third not in (0, second) and harness.pid_alive(third)
    assert not harness.pid_alive(second)
    assert restarted["restarts"] == 2
    # A group member by its namespec, with the colon escaped or not.
    member = jsonapi.ok(d, "GET", "processes/pool%3Aw_0")
    assert member["namespec"] == "pool:w_0" and member["name"] == "w_0" and member["group"] == "pool"
    assert jsonapi.ok(d, "GET", "processes/pool:w_1")["namespec"] == "pool:w_1"


def test_the_list_is_getallprocessinfo_with_types(supervisord, impl):
    d = start(supervisord, impl)
    listed = jsonapi.ok(d, "GET", "processes")
    infos = d.all_info()
    assert [(p["group"], p["name"]) for p in listed] == [(i["group"], i["name"]) for i in infos]
    for p, i in zip(listed, infos):
        assert (p["pid"], p["statecode"], p["state"], p["start"]) == (i["pid"], i["state"], i["statename"], i["start"])
        assert p["stdout_logfile"] == i["stdout_logfile"] and p["spawnerr"] == i["spawnerr"]
    groups = jsonapi.ok(d, "GET", "groups")
    assert {"name": "pool", "priority": 999, "processes": ["pool:w_0", "pool:w_1"]} in groups


def test_wait_false_answers_at_once(supervisord, impl):
    d = start(supervisord, impl)
    accepted = jsonapi.ok(d, "POST", "processes/slow/start?wait=false", status=202)
    assert accepted["state"] == "STARTING" and harness.pid_alive(accepted["pid"])
    d.wait_for_state("slow", "RUNNING")
    outcomes = jsonapi.ok(d, "POST", "groups/pool/stop?wait=false", status=202)
    assert sorted(o["name"] for o in outcomes) == ["w_0", "w_1"]
    assert all(o["status"] == 80 and o["code"] == "SUCCESS" for o in outcomes)
    d.wait_for_state("pool:w_0", "STOPPED")
    d.wait_for_state("pool:w_1", "STOPPED")


def test_batches_answer_each_process(supervisord, impl):
    d = start(supervisord, impl)
    before = {p["name"]: p["pid"] for p in d.all_info() if p["group"] == "pool"}
    restarted = jsonapi.ok(d, "POST", "groups/pool/restart")
    assert [(o["name"], o["status"], o["description"]) for o in restarted] == [("w_0", 80, "OK"), ("w_1", 80, "OK")]
    after = {p["name"]: p["pid"] for p in d.all_info() if p["group"] == "pool"}
    assert all(after[n] != before[n] and harness.pid_alive(after[n]) for n in before)
    stopped = jsonapi.ok(d, "POST", "processes/stop")
    assert {o["name"] for o in stopped} == {"web", "talker", "cat", "w_0", "w_1"}
    assert all(p["statename"] == "STOPPED" for p in d.all_info()), d.all_info()
    # Starting everything, slow's startsecs included: one outcome per process.
    started = jsonapi.ok(d, "POST", "processes/start")
    assert {o["name"] for o in started} == {"web", "slow", "talker", "cat", "w_0", "w_1"}
    assert all(o["code"] == "SUCCESS" for o in started)
    assert all(p["statename"] == "RUNNING" for p in d.all_info())


def test_signal_and_stdin_reach_the_process(supervisord, impl):
    d = start(supervisord, impl)
    jsonapi.ok(d, "POST", "processes/cat/stdin", {"data": "héllo\n"})
    d.wait_for_file(d.info("cat")["stdout_logfile"], lambda text: "héllo\n" in text)
    pid = d.info("pool:w_0")["pid"]
    jsonapi.ok(d, "POST", "processes/pool:w_0/signal", {"signal": "KILL"})
    d.wait_for_new_pid("pool:w_0", pid)
    pid = d.info("pool:w_1")["pid"]
    jsonapi.ok(d, "POST", "processes/pool:w_1/signal", {"signal": 9})
    d.wait_for_new_pid("pool:w_1", pid)


def test_errors_are_json_with_the_fault(supervisord, impl):
    d = start(supervisord, impl)
    assert jsonapi.error(d, "GET", "processes/nope") == (404, "BAD_NAME", 10, "no such process: nope")
    assert jsonapi.error(d, "POST", "processes/nope/start")[:3] == (404, "BAD_NAME", 10)
    assert jsonapi.error(d, "POST", "groups/nope/stop") == (404, "BAD_NAME", 10, "no such group: nope")
    assert jsonapi.error(d, "POST", "processes/web/start") == (409, "ALREADY_STARTED", 60, "already started: web")
    assert jsonapi.error(d, "POST", "processes/slow/stop") == (409, "NOT_RUNNING", 70, "not running: slow")
    assert jsonapi.error(d, "POST", "processes/web/signal", {"signal": "NOPE"}) == (400, "BAD_SIGNAL", 11, "not a signal: NOPE")
    assert jsonapi.error(d, "POST", "processes/web/signal", {"signal": 1.5})[:2] == (400, "BAD_SIGNAL")
    status, code, fault, message = jsonapi.error(d, "POST", "processes/web/signal", b'{"signal": "HUP",}',
                                                 {"Content-Type": "application/json"})
    assert (status, code, fault) == (400, "INCORRECT_PARAMETERS", 2)
    assert message == "malformed JSON: unexpected '}', expected a member name at byte 17"
    assert jsonapi.error(d, "POST", "processes/web/signal", b'{"signal": "HUP"}', {"Content-Type": "text/plain"})[:2] \
        == (400, "INCORRECT_PARAMETERS")
    assert jsonapi.error(d, "POST", "processes/web/signal", {"signal": "HUP", "extra": 1})[3] == 'unknown member "extra"'
    assert jsonapi.error(d, "POST", "processes/web/signal", {})[3] == 'missing member "signal"'
    assert jsonapi.error(d, "POST", "processes/web/signal", [1])[3] == "the request body must be a JSON object, not an array"
    assert jsonapi.error(d, "POST", "processes/cat/stdin", {"data": 1})[:2] == (400, "INCORRECT_PARAMETERS")
    assert jsonapi.error(d, "POST", "processes/web/stop?wait=maybe")[:3] == (400, "BAD_ARGUMENTS", 3)
    assert jsonapi.error(d, "POST", "processes/web/stop", {"wait": False})[:2] == (400, "INCORRECT_PARAMETERS")
    assert jsonapi.error(d, "GET", "processes/talker/log/stdout?offset=-5&length=2")[:3] == (400, "BAD_ARGUMENTS", 3)
    assert jsonapi.error(d, "GET", "processes/talker/log/stdout?offset=x")[:3] == (400, "BAD_ARGUMENTS", 3)
    assert jsonapi.error(d, "GET", "nothing/here") == (404, "UNKNOWN_METHOD", 1, "no such route: GET /api/v1/nothing/here")
    status, head, answer = jsonapi.call(d, "DELETE", "processes/web")
    assert (status, head["allow"], answer["error"]["code"], answer["error"]["fault"]) == (405, "GET", "METHOD_NOT_ALLOWED", None)
    status, head, answer = jsonapi.call(d, "GET", "processes/web/stop")
    assert (status, head["allow"]) == (405, "POST")
    status, head, answer = jsonapi.call(d, "GET", "processes/start")
    assert (status, head["allow"]) == (405, "POST")
    # The daemon kept serving through all of it.
    assert d.rpc.supervisor.getState()["statename"] == "RUNNING"


def test_401_without_credentials_and_413_over_the_limit(supervisord, impl):
    port = harness.free_port()
    d = start(supervisord, impl, extra="",
              programs=PROGRAMS + "[inet_http_server]\nport=127.0.0.1:%d\nusername=%s\npassword=%s\n"
              % (port, jsonapi.USER, jsonapi.PASSWORD))
    status, head, answer = jsonapi.call(d, "GET", "processes", port=port)
    assert status == 401 and head["www-authenticate"] == 'Basic realm="default"'
    assert answer == {"error": {"code": "UNAUTHORIZED", "fault": None, "message": "credentials required"}}
    status, _, _ = jsonapi.call(d, "POST", "processes/web/stop", port=port,
                                headers={"Authorization": "Basic " + "YWRtaW46d3Jvbmc="})
    assert status == 401
    assert d.info("web")["statename"] == "RUNNING"
    status, _, listed = jsonapi.call(d, "GET", "processes", port=port, headers=jsonapi.credentials())
    assert status == 200 and len(listed) == 6
    # Over 4 MiB: refused before it is read, with the limit in the message.
    big = b'{"data": "' + b"x" * (4 * 1024 * 1024) + b'"}'
    status, code, fault, message = jsonapi.error(d, "POST", "processes/cat/stdin", big,
                                                 {"Content-Type": "application/json"})
    assert (status, code, fault, message) == (413, "TOO_LARGE", None, "request body larger than 4194304 bytes")


def test_log_reads_count_bytes_and_replace_what_is_not_utf8(supervisord, impl):
    d = start(supervisord, impl)
    d.wait_for_file(d.info("talker")["stdout_logfile"], lambda text: text.endswith("\n"))
    d.wait_for_file(d.info("talker")["stderr_logfile"], lambda text: text.endswith("\n"))
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout") == {"data": "a\u00e9\n", "offset": 0, "length": 4}
    # Two bytes end inside "é": its first byte is left for the next read.
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout?offset=0&length=2") == {"data": "a", "offset": 0, "length": 1}
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout?offset=1&length=0") == {"data": "\u00e9\n", "offset": 1, "length": 3}
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout?offset=-2") == {"data": "\ufffd\n", "offset": 2, "length": 2}
    assert jsonapi.ok(d, "GET", "processes/talker/log/stderr") == {"data": "x\ufffdy\n", "offset": 0, "length": 4}
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout?offset=100") == {"data": "", "offset": 100, "length": 0}
    # The ends of a 64-bit offset are arguments like any other.
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout?offset=-9223372036854775808")["length"] == 4
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout?offset=9223372036854775807&length=9223372036854775807")["length"] == 0
    assert jsonapi.error(d, "GET", "processes/talker/log/stdout?offset=-9223372036854775809")[:2] == (400, "BAD_ARGUMENTS")
    assert jsonapi.error(d, "GET", "processes/talker/log/stdin")[:2] == (404, "UNKNOWN_METHOD")
    jsonapi.ok(d, "POST", "processes/talker/clear")
    assert jsonapi.ok(d, "GET", "processes/talker/log/stdout") == {"data": "", "offset": 0, "length": 0}


def sleeper(name, seconds=1000):
    return "[program:%s]\ncommand=sleep %d\nstartsecs=0\n\n" % (name, seconds)


def test_reload_applies_and_answers_the_differences(supervisord, impl):
    d = start(supervisord, impl, programs=sleeper("kept") + sleeper("changed") + sleeper("gone"))
    gone = d.info("gone")["pid"]
    changed = d.info("changed")["pid"]
    kept = d.info("kept")["pid"]
    d.write_conf(sleeper("kept") + sleeper("changed", 1001) + sleeper("added"))
    assert jsonapi.ok(d, "POST", "config/reload") == {"added": ["added"], "changed": ["changed"], "removed": ["gone"]}
    assert not harness.pid_alive(gone)
    assert {p["name"] for p in jsonapi.ok(d, "GET", "processes")} == {"added", "changed", "kept"}
    assert d.info("kept")["pid"] == kept
    new = d.wait_for_state("changed", "RUNNING")["pid"]
    assert new != changed and harness.pid_alive(new)
    d.wait_for_state("added", "RUNNING")
    assert jsonapi.ok(d, "POST", "config/reload") == {"added": [], "changed": [], "removed": []}


def test_daemon_state_and_shutdown(supervisord, impl):
    d = start(supervisord, impl)
    daemon = jsonapi.ok(d, "GET", "daemon")
    assert daemon == {"state": "RUNNING", "statecode": 1, "version": "4.3.0", "api_version": "3.0",
                      "pid": d.proc.pid, "identification": "supervisor"}
    assert jsonapi.ok(d, "POST", "daemon/shutdown", status=202)["state"] == "SHUTDOWN"
    assert d.wait_exit() == 0
