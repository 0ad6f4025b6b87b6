"""The status page in a real browser: every process, escaped names, and live
state changes from button presses and from elsewhere, without a reload."""

import time

import harness

from .conftest import HTML_NAME

ROW_JS = """
for (const tr of document.querySelectorAll('tr[data-namespec]'))
  if (tr.dataset.namespec === arguments[0]) return tr;
return null;
"""


def row(driver, namespec):
    return driver.execute_script(ROW_JS, namespec)


def state_of(driver, namespec):
    tr = row(driver, namespec)
    return tr.find_element("css selector", ".state .badge").text if tr else None


def open_live(driver, web):
    """Open the status page and wait until its event stream is connected; mark the
    window so a reload (which would lose the mark) is detected."""
    driver.get(web.url("/"))
    harness.wait_until(lambda: driver.find_element("id", "live").text == "live",
                       message="the page's event stream to connect")
    driver.execute_script("window.notReloaded = true")


def assert_not_reloaded(driver):
    assert driver.execute_script("return window.notReloaded === true"), "the page reloaded"


def test_lists_every_process_with_identity(web, browser):
    site = web()
    d = site.daemon
    for info in d.all_info():
        namespec = info["name"] if info["group"] == info["name"] else "%s:%s" % (info["group"], info["name"])
        d.wait_for_state(namespec, "RUNNING")
    open_live(browser, site)
    names = browser.execute_script(
        "return [...document.querySelectorAll('tr[data-namespec]')].map(tr => tr.dataset.namespec)")
    assert sorted(names) == sorted(["sleeper", "pool:pool_0", "pool:pool_1", HTML_NAME, "printer"])
    for namespec in names:
        assert state_of(browser, namespec) == "RUNNING"
    # The pool group gets a heading row; its processes are listed by their own names.
    groups = [th.text for th in browser.find_elements("css selector", "tr.group th")]
    assert groups == ["pool"]
    assert row(browser, "pool:pool_1").find_element("css selector", ".name").text == "pool_1"
    assert "pid " in row(browser, "sleeper").find_element("css selector", ".description").text
    identity = browser.find_element("id", "identity").text
    assert identity == "4.3.0 · supervisor"  # version and identifier


def test_program_name_with_html_is_shown_as_text(web, browser):
    site = web()
    open_live(browser, site)
    tr = row(browser, HTML_NAME)
    assert tr is not None
    assert tr.find_element("css selector", ".name").text == HTML_NAME
    assert browser.find_elements("css selector", "#processes b") == []
    # Its tail link carries the name percent-encoded and opens its log.
    tr.find_element("link text", "stdout").click()
    harness.wait_until(lambda: browser.find_element("css selector", "h1").text == HTML_NAME + " stdout",
                       message="the tail page of the HTML-named program")


def test_stop_and_start_buttons_update_in_place(web, browser):
    site = web()
    d = site.daemon
    d.wait_for_state("sleeper", "RUNNING")
    open_live(browser, site)
    row(browser, "sleeper").find_element("css selector", "button[value=stop]").click()
    harness.wait_until(lambda: state_of(browser, "sleeper") == "STOPPED", message="STOPPED on the page")
    assert d.info("sleeper")["statename"] == "STOPPED"
    harness.wait_until(lambda: "Process sleeper stopped" in browser.find_element("id", "message").text,
                       message="the stop message")
    tr = row(browser, "sleeper")
    assert tr.find_element("css selector", "button[value=start]").is_displayed()
    assert not tr.find_element("css selector", "button[value=stop]").is_displayed()

    tr.find_element("css selector", "button[value=start]").click()
    harness.wait_until(lambda: state_of(browser, "sleeper") == "RUNNING", message="RUNNING on the page")
    assert d.info("sleeper")["statename"] == "RUNNING"
    harness.wait_until(lambda: "pid " in row(browser, "sleeper").find_element("css selector", ".description").text,
                       message="the new pid in the description")
    assert_not_reloaded(browser)


def test_changes_made_elsewhere_appear_within_a_second(web, browser):
    site = web()
    d = site.daemon
    d.wait_for_state("pool:pool_0", "RUNNING")
    open_live(browser, site)
    d.rpc.supervisor.stopProcess("pool:pool_0")
    stopped_at = time.monotonic()
    harness.wait_until(lambda: state_of(browser, "pool:pool_0") == "STOPPED", timeout=1.0,
                       message="STOPPED within a second of the XML-RPC stop")
    assert time.monotonic() - stopped_at < 1.0
    d.rpc.supervisor.startProcess("pool:pool_0")
    harness.wait_until(lambda: state_of(browser, "pool:pool_0") == "RUNNING", timeout=1.0,
                       message="RUNNING within a second of the XML-RPC start")
    assert_not_reloaded(browser)


def test_stop_all_and_restart_all(web, browser):
    site = web()
    d = site.daemon
    d.wait_for_state("sleeper", "RUNNING")
    open_live(browser, site)
    browser.find_element("css selector", ".bulk button[value=stopall]").click()
    harness.wait_until(lambda: all(i["statename"] == "STOPPED" for i in d.all_info()), message="all stopped")
    harness.wait_until(lambda: state_of(browser, "printer") == "STOPPED", message="STOPPED on the page")
    browser.find_element("css selector", ".bulk button[value=restartall]").click()
    harness.wait_until(lambda: all(i["statename"] == "RUNNING" for i in d.all_info()), message="all running")
    harness.wait_until(lambda: state_of(browser, "sleeper") == "RUNNING", message="RUNNING on the page")
    harness.wait_until(lambda: "All restarted" in browser.find_element("id", "message").text,
                       message="the restart-all message")
    assert_not_reloaded(browser)
