"""Fixtures for the web interface tests. The page is ours alone, so these use the
harness with impl "ours" instead of the per-implementation ``impl`` fixture."""

import os
import sys

import pytest

import harness

from . import webui

PROGRAMS = """\
[program:sleeper]
command=sleep 1000
startsecs=0

[program:pool]
command=sleep 1000
numprocs=2
process_name=%(program_name)s_%(process_num)d
startsecs=0

[program:x<b>y&amp;"q']
command=sleep 1000
startsecs=0

[program:printer]
command=sh -c 'echo ready; while [ ! -e {tmp}/go ]; do sleep 0.05; done; echo "<script>window.pwned=1</script><img src=x onerror=window.pwned=2> printed after open"; exec sleep 1000'
startsecs=0
"""

# The name above, as every page must show it: as text, never as markup.
HTML_NAME = 'x<b>y&amp;"q\''


@pytest.fixture
def web(request):
    """A factory: ``web(credentials=None)`` starts our supervisord with PROGRAMS and
    an inet HTTP server, and returns a webui.WebDaemon. Torn down after the test."""
    if "ours" not in harness.selected_impls():
        pytest.skip("the web interface is ours only; E2E_IMPL excludes ours")
    factory = harness.DaemonFactory("ours")

    def start(programs=PROGRAMS, credentials=None):
        return webui.WebDaemon(factory, programs, credentials).start()
    yield start
    keep = bool(os.environ.get("E2E_KEEP")) and getattr(request.node, "e2e_failed", False)
    factory.teardown(keep=keep)
    if keep:
        sys.stderr.write("kept temp dirs: %s\n" % ", ".join(factory.tmpdirs))


@pytest.fixture
def browser():
    driver = webui.new_browser()
    yield driver
    driver.quit()
