"""Fixtures for the end-to-end tests.

Every test that takes the ``impl`` fixture (directly or through
``supervisord``) runs once per implementation: test_x[reference] against the
Python supervisord in .build/venv, test_x[ours] against
$SUPERVISOR_BIN_DIR/supervisord. E2E_IMPL=reference|ours|both picks which.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402

DEFAULT_TIMEOUT = 120  # seconds per test, unless a test sets its own


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "timeout(seconds): per-test time limit (pytest-timeout)")


def pytest_generate_tests(metafunc):
    if "impl" in metafunc.fixturenames:
        metafunc.parametrize("impl", harness.selected_impls(), scope="function")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(DEFAULT_TIMEOUT))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    if rep.when == "call":
        item.e2e_failed = rep.failed
    return rep


@pytest.fixture
def supervisord(impl, request):
    """A factory: ``supervisord.start(programs_conf)`` writes a config with the
    base sections plus ``programs_conf`` in a fresh temp dir, starts the daemon
    of this test's implementation in the foreground and waits until it answers
    XML-RPC. Everything is killed and removed after the test (temp dirs are
    kept when the test failed and E2E_KEEP=1)."""
    factory = harness.DaemonFactory(impl)
    yield factory
    keep = bool(os.environ.get("E2E_KEEP")) and getattr(request.node, "e2e_failed", False)
    factory.teardown(keep=keep)
    if keep:
        sys.stderr.write("kept temp dirs: %s\n" % ", ".join(factory.tmpdirs))
