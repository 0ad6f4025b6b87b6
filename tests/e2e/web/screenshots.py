"""Takes the web interface screenshots in docs/: the status page (desktop and
phone width) and a tail view, from our supervisord running a small demo config.

    SUPERVISOR_BIN_DIR=.build/debug .build/venv/bin/python tests/e2e/web/screenshots.py
"""

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/e2e: harness, and web as a package

import harness  # noqa: E402
from web import webui  # noqa: E402

DOCS = os.path.join(harness.REPO_ROOT, "docs")

DEMO = """\
[program:nginx]
command=sh -c 'while :; do echo "GET /index.html 200 $(date +%%T)"; sleep 0.3; done'
startsecs=0

[program:api]
command=sh -c 'i=0; while :; do i=$((i+1)); echo "api: handled request $i in 3ms"; sleep 0.2; done'
numprocs=2
process_name=%(program_name)s_%(process_num)d
startsecs=0

[program:worker]
command=sleep 1000
startsecs=0

[program:encoder]
command=sh -c 'while :; do i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; sleep 0.4; done'
startsecs=0

[program:cron]
command=sh -c 'exit 3'
startsecs=1
startretries=0
autorestart=false

[program:backup]
command=sleep 1000
autostart=false
"""


def main():
    factory = harness.DaemonFactory("ours")
    driver = None
    try:
        site = webui.WebDaemon(factory, DEMO).start()
        d = site.daemon
        for name in ("nginx", "api:api_0", "api:api_1", "worker", "encoder"):
            d.wait_for_state(name, "RUNNING")
        d.wait_for_state("cron", "FATAL")
        d.rpc.supervisor.stopProcess("worker")
        time.sleep(2)  # a non-zero uptime in the picture
        driver = webui.new_browser(1200, 640)
        driver.get(site.url("/?message=Process%20worker%20stopped"))
        harness.wait_until(lambda: driver.find_element("id", "live").text == "live", message="live page")
        # A few readings, so that the charts have lines.
        harness.wait_until(lambda: driver.execute_script(
            "const p = document.querySelector('tr[data-namespec=encoder] td.cpu svg path');"
            "return p && (p.getAttribute('d').match(/L/g) || []).length >= 6"), timeout=30, message="charts")
        driver.save_screenshot(os.path.join(DOCS, "web-status.png"))
        driver.set_window_size(390, 1000)
        driver.get(site.url("/"))
        harness.wait_until(lambda: driver.find_element("id", "live").text == "live", message="live page")
        driver.save_screenshot(os.path.join(DOCS, "web-status-phone.png"))
        driver.set_window_size(1200, 640)
        driver.get(site.url("/tail.html?processname=api%3Aapi_0&channel=stdout"))
        harness.wait_until(lambda: driver.find_element("id", "live").text == "following", message="tail")
        time.sleep(2)  # some lines arrive live
        driver.save_screenshot(os.path.join(DOCS, "web-tail.png"))
    finally:
        if driver:
            driver.quit()
        factory.teardown()
    print("wrote docs/web-status.png, docs/web-status-phone.png, docs/web-tail.png")


if __name__ == "__main__":
    main()
