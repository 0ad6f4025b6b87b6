"""The JSON API's OpenAPI document (ours only: the reference has no JSON API): it is the
one in docs/, it validates, and schemathesis finds every operation answering as it says
against a live daemon."""

import json
import os
import re
import subprocess
import sys

from openapi_spec_validator import validate

import harness
from api import jsonapi, rawhttp

REASON = "the JSON API is ours; the reference has XML-RPC only"
DOC = os.path.join(harness.REPO_ROOT, "docs", "openapi.json")

PROGRAMS = """
[program:web]
command=sleep 1000
startsecs=0
stopwaitsecs=1

[program:cat]
command=cat
startsecs=0
stopwaitsecs=1

[program:pool]
command=sleep 1000
process_name=worker_%(process_num)d
numprocs=2
startsecs=0
stopwaitsecs=1
"""


def test_the_served_document_is_docs_openapi_json_and_valid(supervisord, impl):
    harness.deliberate_difference(impl, REASON)
    d = supervisord.start()
    status, head, served = rawhttp.request(d.sock, "GET", "/api/v1/openapi.json")
    assert status == 200 and head["Content-Type"] == "application/json"
    with open(DOC, "rb") as f:
        committed = f.read()
    assert served == committed, ("docs/openapi.json differs from GET /api/v1/openapi.json: the document's source is "
                                 "Sources/SupervisorAPI/JSONAPI/OpenAPIDocument.swift; copy what the daemon serves to docs/")
    document = json.loads(served)
    validate(document)
    assert document["openapi"] == "3.1.0"
    # Every route the API answers is described.
    assert {"/api/v1/processes", "/api/v1/processes/{name}", "/api/v1/processes/{name}/signal",
            "/api/v1/processes/{name}/log/stdout", "/api/v1/groups/{group}/restart", "/api/v1/config/reload",
            "/api/v1/daemon", "/api/v1/daemon/shutdown", "/api/v1/events", "/api/v1/openapi.json"} <= set(document["paths"])


@harness.pytest.mark.timeout(600)
def test_schemathesis_finds_every_answer_as_documented(supervisord, impl, tmp_path):
    harness.deliberate_difference(impl, REASON)
    port = harness.free_port()
    d = supervisord.start(PROGRAMS + "[inet_http_server]\nport=127.0.0.1:%d\nusername=%s\npassword=%s\n"
                          % (port, jsonapi.USER, jsonapi.PASSWORD), loglevel="info")
    st = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    command = [
        st, "run", DOC, "--url", "http://127.0.0.1:%d" % port,
        "--auth", "%s:%s" % (jsonapi.USER, jsonapi.PASSWORD),
        # The event stream never ends (a response schemathesis would wait for forever), and
        # shutting the daemon down or restarting it would end the run's server: those three
        # are left out; everything else, the actions included, is exercised.
        "--exclude-path", "/api/v1/events",
        "--exclude-path", "/api/v1/daemon/shutdown",
        "--exclude-path", "/api/v1/daemon/restart",
        "--checks", "all",
        # A valid request may still be refused by the processes' state (409: starting a
        # process that runs), which this check would count as rejecting valid data.
        "--exclude-checks", "positive_data_acceptance",
        "--max-examples", "30", "--seed", "18", "--workers", "1", "--request-timeout", "30",
        "--warnings", "off", "--no-color", "--generation-database", "none",
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=540, cwd=str(tmp_path))
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    # Every operation but the three left out was run.
    with open(DOC) as f:
        operations = sum(len(methods) for methods in json.load(f)["paths"].values())
    tested = re.search(r"^\s*Tested: (\d+)$", output, re.M)
    assert tested and int(tested.group(1)) == operations - 3, output[-3000:]
    # The daemon still serves, both APIs.
    assert d.rpc.supervisor.getState()["statename"] == "RUNNING"
    assert jsonapi.ok(d, "GET", "daemon")["state"] == "RUNNING"
    assert len(jsonapi.ok(d, "GET", "processes")) == 4
