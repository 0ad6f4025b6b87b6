"""numprocs and process_name expansion, groups."""


def test_numprocs_three_processes_in_group(supervisord):
    d = supervisord.start("""
[program:x]
command=sleep 1000
process_name=%(program_name)s_%(process_num)s
numprocs=3
startsecs=0
""")
    infos = d.all_info()
    assert sorted((i["group"], i["name"]) for i in infos) == [
        ("x", "x_0"), ("x", "x_1"), ("x", "x_2")]
    pids = set()
    for n in ("x_0", "x_1", "x_2"):
        info = d.wait_for_state("x:" + n, "RUNNING")
        pids.add(info["pid"])
        d.wait_for_log(r"INFO spawned: '%s' with pid %d$" % (n, info["pid"]))
    assert len(pids) == 3
    # Without the group prefix the name is not found.
    try:
        d.rpc.supervisor.getProcessInfo("x_0")
        fault = None
    except Exception as exc:
        fault = exc
    assert fault is not None and fault.faultCode == 10, fault  # BAD_NAME
    # Stopping the group stops all three.
    result = d.rpc.supervisor.stopProcessGroup("x")
    assert sorted((r["name"], r["group"], r["status"], r["description"]) for r in result) == [
        ("x_0", "x", 80, "OK"), ("x_1", "x", 80, "OK"), ("x_2", "x", 80, "OK")]
    for n in ("x_0", "x_1", "x_2"):
        assert d.info("x:" + n)["statename"] == "STOPPED"


def test_numprocs_start_offset_and_expansions(supervisord):
    d = supervisord.start("""
[program:w]
command=sh -c "echo %(process_num)02d %(program_name)s %(group_name)s > {tmp}/out.%(process_num)d; exec sleep 1000"
process_name=worker-%(process_num)02d
numprocs=2
numprocs_start=7
startsecs=0
""")
    names = sorted(i["name"] for i in d.all_info())
    assert names == ["worker-07", "worker-08"]
    assert d.wait_for_file("out.7", lambda t: t.endswith("\n")) == "07 w w\n"
    assert d.wait_for_file("out.8", lambda t: t.endswith("\n")) == "08 w w\n"


def test_group_section(supervisord):
    d = supervisord.start("""
[group:g]
programs=a,b
priority=10

[program:a]
command=sleep 1000
startsecs=0

[program:b]
command=sleep 1000
startsecs=0
""")
    infos = d.all_info()
    assert sorted((i["group"], i["name"]) for i in infos) == [("g", "a"), ("g", "b")]
    d.wait_for_state("g:a", "RUNNING")
    d.wait_for_state("g:b", "RUNNING")
