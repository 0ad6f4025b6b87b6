"""The main log's debug echo of a child's output, as the reference writes it:
output that is not UTF-8 as Python's bytes repr, and the SIGCHLD line after the
exit it reports."""

import harness


def test_output_that_is_not_utf8_is_logged_as_bytes_repr(supervisord):
    d = supervisord.start("""
[program:binary]
command=printf '\\210\\n'
startsecs=0
autorestart=false
""")
    d.wait_for_state("binary", "EXITED")
    d.wait_for_log(r"'binary' stdout output:\nUndecodable: b'\\x88\\n'$")


def test_the_sigchld_line_follows_the_output_and_the_exit(supervisord):
    d = supervisord.start("""
[program:once]
command=sh -c "echo last words; exit 3"
startsecs=0
autorestart=false
""")
    d.wait_for_log(r"exited: once \(exit status 3; not expected\)")
    d.wait_for_log(r"received SIGCHLD indicating a child quit")
    lines = d.main_log().splitlines()
    output = next(i for i, line in enumerate(lines) if "'once' stdout output:" in line)
    exited = next(i for i, line in enumerate(lines) if "exited: once" in line)
    sigchld = next(i for i, line in enumerate(lines) if "received SIGCHLD" in line and i > output)
    assert output < exited < sigchld, "\n".join(lines[output:])
