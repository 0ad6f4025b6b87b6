"""Non-seekable log targets, and resource limits (minfds) as the reference handles them."""

import subprocess

import harness


def test_child_output_to_daemon_stdout(supervisord, impl):
    # /dev/stdout of a child log is the daemon's stdout (here a file the harness reads);
    # maxbytes=0 as the reference requires for non-seekable targets.
    d = supervisord.start("""
[program:talker]
command=sh -c "echo to-daemon-stdout; exec sleep 1000"
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0
startsecs=0
""", loglevel="info")
    harness.wait_until(lambda: "to-daemon-stdout" in d.daemon_output(), message="child line on the daemon's stdout")


def test_non_seekable_target_with_maxbytes(supervisord, impl):
    harness.deliberate_difference(impl, "the reference fails with 'Illegal seek' when a non-seekable log has maxbytes")
    d = supervisord.start("""
[program:talker]
command=sh -c "i=0; while [ $i -lt 50 ]; do echo line-$i; i=$((i+1)); done; exec sleep 1000"
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=100
startsecs=0
""", loglevel="info")
    harness.wait_until(lambda: "line-49" in d.daemon_output(), message="all lines on the daemon's stdout")
    assert all("line-%d\n" % i in d.daemon_output() for i in range(50))


def test_minfds_beyond_what_the_system_allows(supervisord, impl):
    d = supervisord.new("[program:a]\ncommand=sleep 1000\n", supervisord_extra="minfds=100000000")
    rc, out, err = d.run_expecting_exit()
    assert rc == 2, (rc, out, err)
    assert err.startswith("Error: The minimum number of file descriptors required to run this process is 100000000 "
                          "as per the \"minfds\" command-line argument or config file setting."), err
