"""[fcgi-program:x]: the group's listening socket is each process's stdin."""

import socket
import sys

import harness

SERVER = """\
import os
import socket

listener = socket.socket(fileno=0)  # the socket supervisord passed as stdin
while True:
    connection, _ = listener.accept()
    connection.sendall(("served by %d\\n" % os.getpid()).encode())
    connection.close()
"""


def fetch(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
        return c.recv(100).decode()


def test_fcgi_processes_share_the_listening_socket(supervisord):
    port = harness.free_port()
    d = supervisord.new("""
[fcgi-program:web]
socket=tcp://127.0.0.1:%d
command=%s {tmp}/server.py
process_name=%%(program_name)s_%%(process_num)d
numprocs=2
startsecs=0
""" % (port, sys.executable))
    d.write_file("server.py", SERVER)
    d.start()
    pids = {d.wait_for_state("web:web_%d" % n, "RUNNING")["pid"] for n in (0, 1)}
    answers = {fetch(port).strip() for _ in range(6)}
    assert answers and all(a.startswith("served by ") for a in answers), answers
    assert {int(a.split()[-1]) for a in answers} <= pids
    d.wait_for_log(r"INFO Creating socket tcp://127.0.0.1:%d" % port)
    # When every process is stopped the socket is closed.
    d.rpc.supervisor.stopProcessGroup("web")
    d.wait_for_log(r"INFO Closing socket tcp://127.0.0.1:%d" % port)
    try:
        fetch(port)
        refused = False
    except OSError:
        refused = True
    assert refused
