"""Shutdown stops all groups of one priority together (each stubborn process
costs stopwaitsecs once, not once per group), and priorities in order."""

import signal

import harness

STUBBORN = """
[program:s%d]
command=sh -c "trap '' TERM; exec sleep 1000"
stopwaitsecs=1
"""


def test_groups_of_equal_priority_stop_together(supervisord):
    harness.deliberate_difference(supervisord.impl, "the reference stops one group at a time")
    d = supervisord.start("".join(STUBBORN % n for n in range(5)) + """
[program:first]
command=sleep 1000
priority=1
""")
    for name in ["s%d" % n for n in range(5)] + ["first"]:
        d.wait_for_state(name, "RUNNING")
    d.signal(signal.SIGTERM)
    d.wait_exit(timeout=30)
    lines = d.main_log().splitlines()

    def index(pattern):
        return next(i for i, line in enumerate(lines) if pattern in line)

    terms = [index("killing s%d (pid" % n) for n in range(5)]
    first_kill = min(index("killing 's%d'" % n) for n in range(5))
    assert max(terms) < first_kill, "every SIGTERM of the tier before any SIGKILL:\n" + "\n".join(lines)
    stopped = [index("stopped: s%d (terminated by SIGKILL)" % n) for n in range(5)]
    assert max(stopped) < index("killing first (pid"), "the lower priority number is stopped last"
    d.wait_for_log(r"stopped: first \(terminated by SIGTERM\)")
