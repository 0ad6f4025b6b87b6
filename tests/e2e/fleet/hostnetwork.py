"""Hosts made of Linux network namespaces on the test machine: each one a namespace with a
veth pair to the root namespace and a /30 of its own (10.213.K.0/30: the root side .1, the
host .2), so a daemon run in it listens on an address that is reached over a network link
and nowhere else.

Names carry the pytest process's pid (namespace ``svfleet-PID-I``, root-side link
``svfPIDhI``), so a run can remove what a crashed run left behind (its pid is gone) without
touching a run going on beside it."""

import contextlib
import os
import re
import shutil
import signal
import subprocess

import pytest

NAMESPACE_PREFIX = "svfleet-"
LINK_PREFIX = "svf"
SUBNET = "10.213"


def ip(*args, check=True):
    """Runs `ip ARGS`; returns the completed process (fails the test on an error when ``check``)."""
    done = subprocess.run(["ip"] + list(args), capture_output=True, text=True, timeout=30)
    if check and done.returncode != 0:
        pytest.fail("ip %s: %s" % (" ".join(args), (done.stderr or done.stdout).strip()), pytrace=False)
    return done


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _delete_namespace(name):
    """Kills what still runs in namespace ``name`` (a namespace lives as long as its
    processes) and deletes it; its veth ends go with it."""
    for pid in ip("netns", "pids", name, check=False).stdout.split():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass
    ip("netns", "delete", name, check=False)


def remove_leftovers():
    """Deletes the namespaces and root-side links of runs whose pytest process is gone."""
    for line in ip("netns", "list", check=False).stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        found = re.fullmatch(re.escape(NAMESPACE_PREFIX) + r"(\d+)-\d+", name)
        if found and not _pid_alive(int(found.group(1))):
            _delete_namespace(name)
    for line in ip("-o", "link", "show", check=False).stdout.splitlines():
        found = re.match(r"\d+: (%s(\d+)h\d+)[@:]" % LINK_PREFIX, line)
        if found and not _pid_alive(int(found.group(2))):
            ip("link", "delete", found.group(1), check=False)


def _subnets_in_use():
    used = set()
    for line in ip("-o", "-4", "addr", "show", check=False).stdout.splitlines():
        found = re.search(r"inet %s\.(\d+)\." % re.escape(SUBNET), line)
        if found:
            used.add(int(found.group(1)))
    return used


def skip_unless_namespaces_work():
    """Skips the test, saying why, where network namespaces cannot be made (no `ip`, not
    root, no CAP_SYS_ADMIN / CAP_NET_ADMIN); on the project's machines and CI they can."""
    if shutil.which("ip") is None:
        pytest.skip("the fleet test needs `ip` (iproute2) to make network namespaces")
    probe = "%sprobe-%d" % (NAMESPACE_PREFIX, os.getpid())
    made = ip("netns", "add", probe, check=False)
    if made.returncode != 0:
        pytest.skip("cannot make a network namespace (needs root, or CAP_SYS_ADMIN and CAP_NET_ADMIN): "
                    + (made.stderr or made.stdout).strip())
    ip("netns", "delete", probe, check=False)


class HostNetwork:
    """``count`` namespaces, each linked to the root namespace; ``hosts`` lists them as
    (namespace name, host address). ``close`` removes them all."""

    def __init__(self, count):
        self.hosts = []
        self._made = []  # (namespace, root-side link), for close
        pid = os.getpid()
        used = _subnets_in_use()
        free = [k for k in range(1, 255) if k not in used][:count]
        if len(free) < count:
            pytest.fail("no free %s.K.0/30 subnets for %d hosts" % (SUBNET, count), pytrace=False)
        try:
            for index, k in enumerate(free, 1):
                self.hosts.append(self._make_host(pid, index, k))
        except BaseException:
            self.close()
            raise

    def _make_host(self, pid, index, k):
        namespace = "%s%d-%d" % (NAMESPACE_PREFIX, pid, index)
        link = "%s%dh%d" % (LINK_PREFIX, pid, index)
        ip("netns", "add", namespace)
        self._made.append((namespace, link))
        ip("link", "add", link, "type", "veth", "peer", "name", link + "p", "netns", namespace)
        ip("addr", "add", "%s.%d.1/30" % (SUBNET, k), "dev", link)
        ip("link", "set", link, "up")
        ip("-n", namespace, "addr", "add", "%s.%d.2/30" % (SUBNET, k), "dev", link + "p")
        ip("-n", namespace, "link", "set", link + "p", "up")
        ip("-n", namespace, "link", "set", "lo", "up")
        return namespace, "%s.%d.2" % (SUBNET, k)

    def close(self):
        for namespace, link in self._made:
            _delete_namespace(namespace)
            ip("link", "delete", link, check=False)
        self._made = []


@contextlib.contextmanager
def linked_hosts(count):
    """``count`` hosts, as (namespace name, address) pairs, for a test's duration; skips where
    namespaces cannot be made, and first removes what a crashed run left."""
    skip_unless_namespaces_work()
    remove_leftovers()
    network = HostNetwork(count)
    try:
        yield network.hosts
    finally:
        network.close()
