"""Configs that would keep the daemon busy forever (issue 13, item 4): a huge comment is read in
linear time; an included file that never ends and a numprocs no system could run are config
errors, named with their place, before anything starts."""

import re

import pytest

import harness

HUNDRED_MB = 100 * 1000 * 1000


def _append(d, text_chunks):
    with open(d.conf_path, "a") as f:
        for chunk in text_chunks:
            f.write(chunk)


@pytest.mark.timeout(120)
def test_a_100_mb_comment_line_is_read_quickly(supervisord):
    d = supervisord.new("[program:a]\ncommand=sleep 1000\nstartsecs=0\n\n")
    _append(d, ["#", "x" * HUNDRED_MB, "\n"])
    d.start(wait=False)
    # The reference starts in about 2 s; a reader that copies the line character by character
    # took 45 s (release build) and 2 GB.
    d.wait_ready(timeout=10)
    d.wait_for_state("a", "RUNNING")


@pytest.mark.timeout(120)
def test_100_mb_of_comment_lines_are_read_quickly(supervisord, impl):
    if impl == "reference":
        pytest.skip("the reference reads this in about 10 s (a Python loop over 1.25 million lines)")
    d = supervisord.new("[program:a]\ncommand=sleep 1000\nstartsecs=0\n\n")
    line = "# " + "x" * 77 + "\n"
    _append(d, (line * 10000 for _ in range(HUNDRED_MB // (len(line) * 10000))))
    d.start(wait=False)
    d.wait_ready(timeout=10)
    d.wait_for_state("a", "RUNNING")


def _assert_rejected_at(d, mention, line_of):
    rc, out, err = d.run_expecting_exit(timeout=10)
    assert rc == 2, (rc, out, err)
    first = err.splitlines()[0]
    assert first.startswith("Error: ") and mention in first, first
    lineno = d.read("supervisord.conf").splitlines().index(line_of) + 1
    assert first.endswith("(at %s:%d)" % (d.conf_path, lineno)), first
    assert "spawned:" not in d.main_log()
    assert harness.marked_pids(d.marker) == []
    return first


def test_an_included_device_is_an_error(supervisord, impl):
    harness.deliberate_difference(impl, "the reference reads /dev/zero forever")
    d = supervisord.new("[program:a]\ncommand=sleep 1000\n\n[include]\nfiles=/dev/zero\n")
    _assert_rejected_at(d, "included file /dev/zero is not a regular file", "files=/dev/zero")


def test_an_included_directory_is_an_error(supervisord, impl):
    harness.deliberate_difference(impl, "the reference skips it silently")
    d = supervisord.new("[program:a]\ncommand=sleep 1000\n\n[include]\nfiles={tmp}/conf.d/*.conf\n")
    d.write_file("conf.d/real.conf/placeholder", "")
    _assert_rejected_at(d, "conf.d/real.conf is not a regular file", "files=%s/conf.d/*.conf" % d.tmp)


def test_numprocs_beyond_the_system_is_an_error(supervisord, impl):
    harness.deliberate_difference(impl, "the reference spends hours building 10,000,000 processes")
    d = supervisord.new("[program:many]\ncommand=sleep 1000\nprocess_name=%(program_name)s_%(process_num)d\n"
                        "numprocs=10000000\n")
    first = _assert_rejected_at(d, "numprocs=10000000 is more processes than this system can run",
                                "numprocs=10000000")
    assert re.search(r"\(10000000 in all; \S+ allows \d+\) in section 'program:many' \(at ", first), first
