"""supervisord's command line, ours against the reference: the usage text (-h, -?,
--help and its prefixes), long options abbreviated to a unique prefix as Python's
getopt allows, and getopt's error messages and exit statuses."""

import subprocess

import harness

# Every case names a config file that is not there, so a command line that
# parses ends in "could not find config file" instead of starting a daemon.
MISSING_CONF = "/nonexistent/e2e-command-line.conf"

CASES = [
    ["--nodae"], ["--nodae=1"], ["--nod", "--nodaemon"], ["-n", "-n"], ["-ns", "--sil"],
    ["--c"], ["--ch"], ["--che"], ["--min"], ["--minf", "5"], ["--minp=5"], ["--p=x"],
    ["--logfile_m", "1KB"], ["--logfile_b=x"], ["--loglev=bogus"], ["-m", "abc"], ["--um=022", "-m", "023"],
    ["-d", "/nonexistent"], ["--pid", "/nonexistent/x.pid"], ["-a", "x"], ["-y", "1QB"],
    ["--bogus", "-h"], ["-h", "x"], ["x"], ["--"], ["-:"], ["-x"], ["-c"], ["--configuration"],
    ["-v"], ["--vers"], ["--version=x"],
]

# The lines where ours says something else than the reference, in order.
REFERENCE_PROFILER_LINES = [
    "--profile_options OPTIONS -- run supervisord under profiler and output",
    "                             results based on OPTIONS, which  is a comma-sep'd",
    "                             list of 'cumulative', 'calls', and/or 'callers',",
    "                             e.g. 'cumulative,callers')",
]
OUR_EXTRA_LINES = [
    "--profile_options OPTIONS -- accepted for compatibility and ignored (there is",
    "                             no profiler)",
    "--check -- check the configuration file and exit (status 0 if it is valid,",
    "           2 if not); its warnings are printed on stderr",
    "--strict -- with --check: warnings (such as unknown keys) are errors",
    "--subreaper -- adopt orphaned descendants and reap them, as PID 1 does (for",
    "               use under another init)",
]


def _run(which, args):
    exe = harness.binary(which, "supervisord")
    p = subprocess.run([exe] + args + ["-c", MISSING_CONF], capture_output=True, text=True, timeout=15,
                       stdin=subprocess.DEVNULL, cwd="/")
    return p.returncode, p.stdout.replace(exe, "supervisord"), p.stderr.replace(exe, "supervisord")


def test_usage_layout():
    """-h, -?, --help and --he print the reference's usage text on stdout and exit 0;
    ours adds its own options in the same style."""
    reference = _run("reference", ["-h"])
    assert reference[0] == 0 and reference[2] == ""
    expected = reference[1].replace("\n".join(REFERENCE_PROFILER_LINES), "\n".join(OUR_EXTRA_LINES))
    assert expected != reference[1]
    for args in (["-h"], ["-?"], ["--help"], ["--he"], ["--h"], ["-n", "-?"]):
        assert _run("reference", args) == reference, args
        assert _run("ours", args) == (0, expected, ""), args
    assert expected.splitlines()[0] == "supervisord -- run a set of applications as daemons."
    assert "Usage: supervisord [options]" in expected.splitlines()


def test_options_and_errors_as_the_reference():
    for args in CASES:
        assert _run("ours", args) == _run("reference", args), args


def test_our_options_are_not_abbreviable():
    """--check, --strict and --subreaper must be spelled in full, so that no
    abbreviation the reference accepts (--ch is --childlogdir, --s is --silent,
    --st is --strip_ansi) becomes ambiguous; --strict goes with --check only."""
    assert _run("ours", ["--check=x"]) == (
        2, "", "Error: option --check must not have an argument\nFor help, use supervisord -h\n")
    assert _run("ours", ["--sub", "--check"]) == (
        2, "", "Error: option --sub not recognized\nFor help, use supervisord -h\n")
    assert _run("ours", ["--check", "--subreaper"]) == (
        2, "", "Error: could not find config file %s\nFor help, use supervisord -h\n" % MISSING_CONF)
    assert _run("ours", ["--stric", "--check"]) == (
        2, "", "Error: option --stric not recognized\nFor help, use supervisord -h\n")
    assert _run("ours", ["--strict"]) == (
        2, "", "Error: --strict applies to --check only\nFor help, use supervisord -h\n")


def test_abbreviated_options_take_effect(supervisord):
    """A unique prefix sets the option it abbreviates (the cases above show the
    parsing; this shows the value reaching the daemon)."""
    d = supervisord.new("[program:x]\ncommand=sleep 100\nstartsecs=0\n").start(args=["--ident=e2e-prefix"])
    assert d.rpc.supervisor.getIdentification() == "e2e-prefix"
