"""Side by side: the same config under both daemons must give the same
getAllProcessInfo and the same per-process main-log story, once pids, times,
dates, temp dirs and random log-file suffixes are normalised."""

import re

import pytest

import harness

CONF = """
[program:run]
command=sleep 1000
startsecs=0

[program:never]
command=sleep 1000
autostart=false

[program:done]
command=sh -c "sleep 1.5; exit 0"
startsecs=0
autorestart=false

[program:quick]
command=sh -c "echo out; echo err >&2; exit 1"
startsecs=3
startretries=1

[program:nocmd]
command=/nonexistent/e2e-cmd
startretries=1

[program:w]
command=sleep 1000
process_name=%(program_name)s_%(process_num)s
numprocs=2
startsecs=0
stdout_logfile={tmp}/w_%(process_num)s.log
redirect_stderr=true
"""

STEADY = {"run": "RUNNING", "never": "STOPPED", "done": "EXITED", "quick": "FATAL",
          "nocmd": "FATAL", "w:w_0": "RUNNING", "w:w_1": "RUNNING"}

LOG_LINE = re.compile(r"^\S+ \S+ (\w+) ((spawned|success|exited|gave up|spawnerr|stopped): .*)$",
                      re.M)


def _normalise(d, value):
    if isinstance(value, str):
        value = value.replace(d.tmp, "{tmp}")
        value = re.sub(r"---supervisor-[^/]*\.log$", "---supervisor-XXXX.log", value)
        return harness.normalize(value)
    return value


def _snapshot(d):
    for name, state in STEADY.items():
        d.wait_for_state(name, state, timeout=15)
    infos = []
    for info in d.all_info():
        rec = {k: _normalise(d, v) for k, v in info.items() if k not in ("now", "start", "stop")}
        rec["pid"] = bool(info["pid"])
        rec["started"] = bool(info["start"])
        rec["stopped"] = bool(info["stop"])
        infos.append(rec)
    d.rpc.supervisor.stopProcess("run")
    d.wait_for_log(r"stopped: run")
    story = {}
    for m in LOG_LINE.finditer(d.main_log()):
        line = re.sub(r"pid \d+", "pid N", m.group(1) + " " + m.group(2))
        line = re.sub(r"\(\d+\)", "(N)", _normalise(d, line))
        if m.group(3) == "spawnerr":  # these lines don't name the process
            proc = "(spawnerr)"
        else:
            proc = re.search(r"(?:spawned: '|: )([\w]+)", m.group(2)).group(1)
        story.setdefault(proc, []).append(line)
    return infos, story


def test_same_info_and_log_story_as_reference(request):
    if harness.selected_impls() != list(harness.IMPLS):
        pytest.skip("compares both implementations; E2E_IMPL selects only one")
    factories = [harness.DaemonFactory(impl) for impl in harness.IMPLS]
    try:
        daemons = [f.start(CONF) for f in factories]
        ref, ours = [_snapshot(d) for d in daemons]
    finally:
        for f in factories:
            f.teardown()
    ref_infos, ref_story = ref
    our_infos, our_story = ours
    assert our_infos == ref_infos
    assert our_story == ref_story
