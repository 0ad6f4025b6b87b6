"""supervisorctl, ours against the reference, one command line at a time.

Each test starts two daemons from the same config (of the implementation the
test is parametrised with), drives one with the reference supervisorctl and
the other with ours through the same sequence, and requires identical stdout,
stderr and exit status after normalising pids, uptimes, dates, temp dirs and
the Python file/line the reference names in its generic error lines.

Coverage:

=========== ==================================================================
command     forms covered
=========== ==================================================================
status      (none), name, group:*, group:name, all, unknown name/group,
            stopped processes (exit 3), unknown (exit 4), no server (exit 4)
pid         (none), name, all, unknown, not running (exit 7)
start       name, group:*, all, already started, unknown name/group, no args
stop        name, group:*, all, not running, unknown name/group, no args
restart     name, all, no args
signal      name, group:*, all, bad signal, unknown name/group, too few args
clear       name, group:*, all, unknown name/group, no args
tail        name, -N, stderr, -N stderr, unknown, bad channel/argument,
            too few/many arguments, -f without a name
maintail    bad argument, too many arguments, -N
avail       listing, with arguments
reread      no changes, added/changed/removed
update      (none), all, named group, unknown group
add/remove  success, unknown, already active, still running
shutdown    success, with arguments, when already down
reload      with arguments
version     listing, with arguments
open        bad url, unix url
help        list, every action, help help, unknown topic, `?`
quit/exit   and EOF, unknown syntax
options     -h/--help/-?, unknown option, bad/conflicting -s, missing
            argument, unique-prefix long options, -c missing file, -i + action
errors      no such socket, refused TCP connection, 401 without/with wrong/
            with right credentials (unix and http)
=========== ==================================================================

tail -f, maintail -f, fg and the shell are in test_ctl_streams.py.
"""

import xmlrpc.client

import pytest

from . import ctlrun
import harness

PROGRAMS = """
[program:alpha]
command=sh -c 'echo "alpha out <&> é"; echo "alpha err" >&2; exec sleep 1000'
startsecs=0

[program:beta]
command=sleep 1000
startsecs=0

[group:grp]
programs=g1,g2

[program:g1]
command=sleep 1000
startsecs=0

[program:g2]
command=sleep 1000
startsecs=0
autostart=false
"""

RUNNING = ("alpha", "beta", "grp:g1")

HELP_TOPICS = ["add", "avail", "clear", "exit", "fg", "maintail", "open", "pid", "quit", "reload",
               "remove", "reread", "restart", "shutdown", "signal", "start", "status", "stop", "tail",
               "update", "version", "help", "EOF", "nope"]


@pytest.fixture
def pair(supervisord):
    return ctlrun.Pair(supervisord, PROGRAMS, wait_running=RUNNING)


def test_read_only_commands(pair):
    pair.compare(
        "status", "status alpha", "status grp:*", "status grp:g1 nope", "status nope:*", "status grp:nope",
        "status all", "status grp:g2", "status alpha grp:g2 nope",
        "pid", "pid all", "pid alpha", "pid nope", "pid grp:g2", "pid alpha nope",
        "version", "version x", "avail", "avail x", "reread", "reread x",
        "help", *["help " + t for t in HELP_TOPICS], "?", "?status", "help status extra",
        "bogus", "bogus with args", "-x", "EOF", "quit", "exit",
    )


def test_tail_and_maintail(pair):
    for d in pair.daemons.values():
        harness.wait_until(lambda: "alpha err" in d.tail_child_log("alpha", "stderr"), message="alpha's output")
    pair.compare(
        "tail alpha", "tail -5 alpha", "tail alpha stderr", "tail -3 alpha stderr", "tail alpha STDOUT",
        "tail nope", "tail", "tail a b c d", "tail -x alpha", "tail alpha bad", "tail -f", "tail -3",
        "maintail x", "maintail -1 -2", "maintail -x",
    )


def test_start_stop_restart(pair):
    pair.compare(
        "stop alpha", "stop alpha", "status", "start alpha", "start alpha", "start nope", "start nope:*",
        "start grp:*", "status grp:*", "stop grp:*", "stop grp:*", "stop nope:*", "stop grp:nope",
        "restart alpha", "restart", "start", "stop", "restart all", "stop all", "status", "start all",
        "start beta alpha nope", "status",
    )


def test_signal_and_clear(pair):
    pair.compare(
        "signal", "signal HUP", "signal BAD alpha", "signal HUP nope", "signal CONT alpha",
        "signal CONT grp:*", "signal CONT nope:*", "signal CONT all", "signal CONT grp:g2",
        "clear", "clear alpha", "clear nope", "clear nope:*", "clear grp:*", "clear all", "clear alpha beta",
    )


CHANGED = """
[program:alpha]
command=sleep 1001
startsecs=0

[program:gamma]
command=sleep 1000
startsecs=0

[group:grp]
programs=g1,g2

[program:g1]
command=sleep 1000
startsecs=0

[program:g2]
command=sleep 1000
startsecs=0
autostart=false
"""


def test_reread_update_add_remove(pair):
    pair.compare("reread", "update", "update all")
    pair.write_conf(CHANGED)
    pair.compare(
        "reread", "avail", "update nope", "update gamma", "status", "update", "status", "reread",
        "add nope", "remove nope", "add gamma", "remove gamma", "stop gamma", "remove gamma", "add gamma",
        "avail", "update grp",
    )


def test_shutdown_and_reload_arguments(pair):
    pair.compare("reload x", "shutdown x", "shutdown")
    # `shutdown` returns once the daemon has accepted it; what follows is about a daemon that is gone.
    for d in pair.daemons.values():
        d.wait_exit()
    pair.compare("status", "pid", "shutdown", "version")


def test_open(pair):
    sock = {w: "unix://" + d.sock for w, d in pair.daemons.items()}
    pair.compare("open", "open foo", "open ftp://x")
    for which, url in sock.items():
        # Each client opens its own daemon's socket; the output is the status table.
        status, out, err = pair.run(which, ["open", url])
        assert status == 0 and "alpha" in out and err == ""


def test_without_a_server(tmp_path):
    conf = tmp_path / "ctl.conf"
    conf.write_text("[supervisorctl]\nserverurl=unix://%s/none.sock\n" % tmp_path)
    port = harness.free_port()
    commands = ["status", "status x", "pid", "version", "tail x", "maintail", "avail", "shutdown", "reload",
                "update", "add x", "remove x", "reread", "start x", "stop x", "restart x", "signal HUP x",
                "clear x", "fg x", "help", "open unix:///nonexistent/x.sock"]
    for args in [c.split() for c in commands] + [["-s", "http://127.0.0.1:%d" % port] + c.split()
                                                 for c in commands]:
        ref = ctlrun.run("reference", args, conf=str(conf), tmpdirs=[str(tmp_path)])
        ours = ctlrun.run("ours", args, conf=str(conf), tmpdirs=[str(tmp_path)])
        assert ours == ref, args


def test_command_line_options(tmp_path):
    conf = tmp_path / "ctl.conf"
    conf.write_text("[supervisorctl]\nserverurl=unix://%s/none.sock\nprompt=custom\n" % tmp_path)
    cases = [["-h"], ["--help"], ["-?"], ["--he"], ["-x"], ["--bogus"], ["-s", "foo", "status"], ["-s"],
             ["--serverurl"], ["-s", "unix:///a", "-s", "unix:///b", "status"], ["--help=x"],
             ["--user=u", "--pass=p", "status"], ["-i", "version"], ["-c", str(tmp_path / "missing.conf"), "status"],
             ["status", "-c", "x"], ["-iu", "x", "help", "quit"], ["--", "help", "quit"], ["-"]]
    for args in cases:
        ref = ctlrun.run("reference", args, conf=str(conf) if "-c" not in args else None, tmpdirs=[str(tmp_path)])
        ours = ctlrun.run("ours", args, conf=str(conf) if "-c" not in args else None, tmpdirs=[str(tmp_path)])
        assert ours == ref, args



def test_abbreviated_long_options(tmp_path):
    """Long options abbreviated as Python's getopt allows: a unique prefix is the
    option, an ambiguous or unknown one is an error (exit 2)."""
    conf = tmp_path / "ctl.conf"
    conf.write_text("[supervisorctl]\nserverurl=unix://%s/none.sock\n" % tmp_path)
    cases = [["--h"], ["--hi=x", "status"], ["--hist", "x", "status"], ["--i", "version"], ["--in=1", "version"],
             ["--s", "unix:///a", "--serv=unix:///b", "status"], ["--se=foo", "status"], ["--u"], ["--us", "u", "--x"],
             ["--pa"], ["--conf", str(tmp_path / "missing.conf"), "status"], ["--co"], ["--"], ["--=x"]]
    for args in cases:
        ref = ctlrun.run("reference", args, conf=str(conf), tmpdirs=[str(tmp_path)])
        ours = ctlrun.run("ours", args, conf=str(conf), tmpdirs=[str(tmp_path)])
        assert ours == ref, args


AUTH_CONF = """
[unix_http_server]
file={tmp}/supervisor.sock
username=user
password=secret

[inet_http_server]
port=127.0.0.1:%(port)d
username=user
password=secret

[supervisord]
logfile={tmp}/supervisord.log
pidfile={tmp}/supervisord.pid
childlogdir={tmp}/childlogs

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{tmp}/supervisor.sock

[program:alpha]
command=sleep 1000
startsecs=0
"""


def test_authentication(supervisord):
    daemons = {}
    for which in ctlrun.CTLS:
        port = harness.free_port()
        d = supervisord.new(AUTH_CONF % {"port": port}, base=False)
        # The harness polls the socket without credentials; wait for it ourselves.
        d.start(wait=False)
        wait_serving_with_credentials(d, port)
        daemons[which] = (d, port)
    tmpdirs = [d.tmp for d, _ in daemons.values()]
    for args in (["status"], ["-u", "user", "-p", "wrong", "status"], ["-u", "user", "-p", "secret", "status"],
                 ["-p", "secret", "status"], ["avail"], ["-u", "user", "-p", "secret", "version"]):
        results = {}
        for which, (d, port) in daemons.items():
            results[which] = ctlrun.run(which, args, conf=d.conf_path, cwd=d.tmp, tmpdirs=tmpdirs)
        assert results["ours"] == results["reference"], args
        # The same over TCP.
        for which, (d, port) in daemons.items():
            results[which] = ctlrun.run(which, ["-s", "http://127.0.0.1:%d" % port] + args, conf=d.conf_path,
                                        cwd=d.tmp, tmpdirs=tmpdirs)
        ref = results["reference"]
        ours = results["ours"]
        assert (ours[0], ours[2]) == (ref[0], ref[2]), args
        assert ours[1].replace(str(daemons["ours"][1]), "PORT") == ref[1].replace(str(daemons["reference"][1]),
                                                                                 "PORT"), args


def wait_serving_with_credentials(d, port):
    """Wait until a daemon started from AUTH_CONF answers user/secret on its unix
    socket and on ``port``, with alpha RUNNING."""
    from supervisor.xmlrpc import SupervisorTransport

    def alpha_running(serverurl):
        transport = SupervisorTransport("user", "secret", serverurl=serverurl)
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)
        return proxy.supervisor.getProcessInfo("alpha")["statename"] == "RUNNING"

    harness.wait_until(lambda: alpha_running("unix://" + d.sock) and alpha_running("http://127.0.0.1:%d" % port),
                       message="%s supervisord serving with credentials, alpha RUNNING" % d.impl)
