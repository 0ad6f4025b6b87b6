"""getProcessInfo / getAllProcessInfo fields and description formats."""

import datetime
import os
import re
import time

import harness

FIELDS = {"name", "group", "start", "stop", "now", "state", "statename", "spawnerr",
          "exitstatus", "logfile", "stdout_logfile", "stderr_logfile", "pid", "description"}


def test_fields_and_descriptions(supervisord):
    d = supervisord.start("""
[program:run]
command=sleep 1000
startsecs=0

[program:never]
command=sleep 1000
autostart=false

[program:done]
command=sh -c "exit 0"
startsecs=0
autorestart=false

[program:quick]
command=sh -c "exit 1"
startsecs=3
startretries=0
""")
    run = d.wait_for_state("run", "RUNNING")
    done = d.wait_for_state("done", "EXITED")
    quick = d.wait_for_state("quick", "FATAL", timeout=10)
    never = d.info("never")
    for info in (run, done, quick, never):
        assert set(info) == FIELDS, sorted(info)

    assert (run["state"], run["group"], run["spawnerr"], run["exitstatus"], run["stop"]) == (
        20, "run", "", 0, 0)
    assert run["pid"] > 0 and harness.pid_alive(run["pid"])
    assert abs(run["now"] - time.time()) < 5
    assert run["start"] <= run["now"]
    assert re.fullmatch(r"pid %d, uptime 0:00:0\d" % run["pid"], run["description"]), run
    assert run["logfile"] == run["stdout_logfile"]
    assert os.path.dirname(run["stdout_logfile"]) == d.childlogdir

    assert (never["state"], never["statename"], never["pid"], never["start"], never["stop"],
            never["description"], never["spawnerr"], never["exitstatus"]) == (
        0, "STOPPED", 0, 0, 0, "Not started", "", 0)

    assert (done["state"], done["exitstatus"], done["pid"]) == (100, 0, 0)
    assert done["stop"] >= done["start"] > 0
    assert harness.normalize(done["description"]) == "DATE", done
    assert done["description"] == time.strftime("%b %d %I:%M %p", time.localtime(done["stop"]))

    assert (quick["state"], quick["pid"], quick["exitstatus"]) == (200, 0, 0)
    assert quick["description"] == "Exited too quickly (process log may have details)"

    # getAllProcessInfo: same records, sorted by group then name
    allinfo = d.all_info()
    assert [(i["group"], i["name"]) for i in allinfo] == [
        ("done", "done"), ("never", "never"), ("quick", "quick"), ("run", "run")]
    for i in allinfo:
        assert set(i) == FIELDS


def test_uptime_grows(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
startsecs=0
""")
    pid = d.wait_for_state("x", "RUNNING")["pid"]
    info = harness.wait_until(
        lambda: (lambda i: i if i["now"] - i["start"] >= 2 else None)(d.info("x")),
        timeout=6, message="uptime of 2 s")
    uptime = datetime.timedelta(seconds=info["now"] - info["start"])
    assert info["description"] == "pid %d, uptime %s" % (pid, uptime)
    assert str(uptime).startswith("0:00:0")


def test_bad_name_fault(supervisord):
    d = supervisord.start("")
    try:
        d.rpc.supervisor.getProcessInfo("nope")
        fault = None
    except Exception as exc:
        fault = exc
    assert fault is not None
    assert (fault.faultCode, fault.faultString) == (10, "BAD_NAME: nope")


def test_state_and_identification(supervisord):
    d = supervisord.start("")
    assert d.rpc.supervisor.getState() == {"statecode": 1, "statename": "RUNNING"}
    assert d.rpc.supervisor.getPID() == d.proc.pid
    assert d.rpc.supervisor.getIdentification() == "supervisor"
    assert d.rpc.supervisor.getSupervisorVersion() == "4.3.0"
    assert d.rpc.supervisor.getAPIVersion() == "3.0"
