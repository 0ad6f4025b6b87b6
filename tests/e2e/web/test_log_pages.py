"""The tail and main log pages in a real browser: output printed after the
page was opened appears without a reload, as text."""

import os

import harness


def log_text(driver):
    return driver.find_element("id", "log").text


def test_tail_follows_output_printed_after_open(web, browser):
    site = web()
    d = site.daemon
    d.wait_for_state("printer", "RUNNING")
    harness.wait_until(lambda: "ready" in d.tail_child_log("printer"), message="printer's first line")
    browser.get(site.url("/tail.html?processname=printer&channel=stdout"))
    assert "ready" in log_text(browser)
    assert "printed after open" not in log_text(browser)
    harness.wait_until(lambda: browser.find_element("id", "live").text == "following",
                       message="the tail to follow")
    browser.execute_script("window.notReloaded = true")

    open(os.path.join(d.tmp, "go"), "w").close()
    line = harness.wait_until(
        lambda: next((l for l in log_text(browser).splitlines() if "printed after open" in l), None),
        message="the new line on the tail page")
    # Shown exactly as printed, markup and all; nothing in it ran.
    assert line == "<script>window.pwned=1</script><img src=x onerror=window.pwned=2> printed after open"
    assert browser.find_elements("css selector", "#log *") == []
    assert browser.execute_script("return window.pwned === undefined && window.notReloaded === true")


def test_main_log_page_follows_the_daemon_log(web, browser):
    site = web()
    d = site.daemon
    d.wait_for_state("sleeper", "RUNNING")
    browser.get(site.url("/mainlog.html"))
    assert "success: sleeper entered RUNNING state" in log_text(browser)
    harness.wait_until(lambda: browser.find_element("id", "live").text == "following",
                       message="the main log to follow")
    d.rpc.supervisor.stopProcess("sleeper")
    harness.wait_until(lambda: "stopped: sleeper" in log_text(browser),
                       message="the stop logged on the page")


def test_status_page_tail_links_open_the_process_logs(web, browser):
    site = web()
    browser.get(site.url("/"))
    link = browser.find_element("css selector", "tr[data-namespec='printer'] a.tail[href*='stderr']")
    link.click()
    harness.wait_until(lambda: browser.find_element("css selector", "h1").text == "printer stderr",
                       message="the stderr tail page")
