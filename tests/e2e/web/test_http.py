"""The web interface over plain HTTP: forms work without JavaScript, POSTs need
the page's token and a same-site origin, and basic auth guards every path."""

import http.client
import re
import socket
import urllib.parse

import harness

PLAIN = "[program:sleeper]\ncommand=sleep 1000\nstartsecs=0\n"


def post(site, fields, headers=None):
    data = urllib.parse.urlencode(fields).encode()
    return site.request("/action", data=data, auth=True, headers=dict(
        {"Content-Type": "application/x-www-form-urlencoded"}, **(headers or {})))


def test_forms_work_without_javascript(web):
    site = web(PLAIN)
    d = site.daemon
    d.wait_for_state("sleeper", "RUNNING")
    token = site.csrf_token()
    status, headers, _ = post(site, {"token": token, "processname": "sleeper", "action": "stop"})
    assert status == 303
    assert headers["Location"] == "/?message=Process%20sleeper%20stopped"
    assert d.info("sleeper")["statename"] == "STOPPED"
    status, _, body = site.request(headers["Location"], auth=True)
    assert status == 200 and "Process sleeper stopped" in body
    status, headers, _ = post(site, {"token": token, "processname": "nosuch", "action": "start"})
    assert status == 303 and "no%20such%20process" in headers["Location"]


def test_actions_need_the_token_and_a_same_site_origin(web):
    site = web(PLAIN)
    d = site.daemon
    d.wait_for_state("sleeper", "RUNNING")
    token = site.csrf_token()
    stop = {"token": token, "processname": "sleeper", "action": "stop"}
    assert post(site, dict(stop, token="0" * len(token)))[0] == 403
    assert post(site, {"processname": "sleeper", "action": "stop"})[0] == 403
    assert post(site, stop, {"Origin": "http://evil.example"})[0] == 403
    assert post(site, stop, {"Origin": "null"})[0] == 403
    assert post(site, stop, {"Referer": "http://evil.example/page"})[0] == 403
    assert site.request("/action?" + urllib.parse.urlencode(stop), auth=True)[0] == 405
    assert d.info("sleeper")["statename"] == "RUNNING"
    status, _, body = post(site, stop, {"Origin": site.base, "Accept": "application/json"})
    assert status == 200 and body == '{"ok":true,"message":"Process sleeper stopped"}'
    assert d.info("sleeper")["statename"] == "STOPPED"


def test_basic_auth_guards_every_web_path(web, browser):
    site = web(PLAIN, credentials=("admin", "s3cret"))
    for path in ("/", "/events", "/tail.html?processname=sleeper", "/mainlog.html", "/ui/status.js",
                 "/logfollow?log=main"):
        status, headers, _ = site.request(path)
        assert status == 401, path
        assert headers["WWW-Authenticate"] == 'Basic realm="default"'
    assert site.request("/", auth=True)[0] == 200
    # The browser without credentials is refused; with them it gets the live page.
    browser.get(site.url("/"))
    assert "sleeper" not in browser.page_source
    browser.get(site.url("/", with_credentials=True))
    harness.wait_until(lambda: browser.find_element("id", "live").text == "live",
                       message="the live page behind basic auth")


def test_tail_of_a_missing_log_says_so_escaped(web):
    site = web(PLAIN)
    status, _, body = site.request("/tail.html?processname=%3Ci%3Enope", auth=True)
    assert status == 404
    assert "No log file for &lt;i&gt;nope" in body and "<i>" not in body
    assert site.request("/logfollow?processname=nope", auth=True)[0] == 404


def test_page_is_served_on_the_unix_socket_too(web):
    site = web(PLAIN)
    conn = http.client.HTTPConnection("localhost", timeout=10)
    conn.sock = socket.socket(socket.AF_UNIX)
    conn.sock.connect(site.daemon.sock)
    try:
        conn.request("GET", "/")
        resp = conn.getresponse()
        assert resp.status == 200
        assert 'data-namespec="sleeper"' in resp.read().decode()
    finally:
        conn.close()


def test_a_button_posted_for_a_whole_group_acts_on_its_processes(web):
    """The form takes what startProcess/stopProcess take, `group:*` included."""
    site = web("[program:pool]\ncommand=sleep 1000\nstartsecs=0\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n")
    d = site.daemon
    for n in (0, 1):
        d.wait_for_state("pool:pool_%d" % n, "RUNNING")
    token = site.csrf_token()
    status, headers, _ = post(site, {"token": token, "processname": "pool:*", "action": "stop"})
    assert status == 303 and headers["Location"] == "/?message=Process%20pool%3A%2A%20stopped"
    assert [d.info("pool:pool_%d" % n)["statename"] for n in (0, 1)] == ["STOPPED", "STOPPED"]
    status, headers, _ = post(site, {"token": token, "processname": "pool:*", "action": "restart"})
    assert status == 303 and headers["Location"] == "/?message=Process%20pool%3A%2A%20restarted"
    assert [d.info("pool:pool_%d" % n)["statename"] for n in (0, 1)] == ["RUNNING", "RUNNING"]


def test_a_group_restarted_one_by_one(web):
    """The group heading's button: a rolling restart of the group, with its message."""
    site = web("[program:pool]\ncommand=sh -c 'test ! -e {tmp}/broken-%(process_num)d && exec sleep 1000'\n"
               "startsecs=1\nnumprocs=3\nprocess_name=%(program_name)s_%(process_num)d\n")
    d = site.daemon
    names = ["pool:pool_%d" % n for n in range(3)]
    for name in names:
        d.wait_for_state(name, "RUNNING")
    status, _, page = site.request("/", auth=True)
    assert status == 200
    heading = re.search(r'<tr class="group">.*?</tr>', page, re.S).group(0)
    assert '<input type="hidden" name="processname" value="pool:*">' in heading
    assert '<button name="action" value="rollingrestart"' in heading and ">Restart one by one</button>" in heading
    token = site.csrf_token()
    pids = [d.info(name)["pid"] for name in names]
    status, headers, _ = post(site, {"token": token, "processname": "pool:*", "action": "rollingrestart"})
    assert status == 303 and headers["Location"] == "/?message=Group%20pool%20restarted%20one%20by%20one"
    restarted = [d.info(name)["pid"] for name in names]
    assert all(old != new for old, new in zip(pids, restarted))
    assert all(d.info(name)["statename"] == "RUNNING" for name in names)

    d.write_file("broken-1", "")
    status, _, body = post(site, {"token": token, "processname": "pool:*", "action": "rollingrestart"},
                           {"Accept": "application/json"})
    assert status == 200
    assert body == '{"ok":false,"message":"ERROR: Process pool:pool_1: spawn error (the restart of pool stopped there)"}'
    assert d.info("pool:pool_2")["pid"] == restarted[2]
    status, _, body = post(site, {"token": token, "processname": "nosuch:*", "action": "rollingrestart"},
                           {"Accept": "application/json"})
    assert body == '{"ok":false,"message":"ERROR: Process nosuch:*: no such process"}'
