"""CPU and memory on the status page, in headless Chromium: figures and a live chart per
process, totals per group, sorting by the column heads and filtering; the page is a
resource watcher only while it is open."""

import re

from selenium.webdriver.support.ui import Select

import harness

from .test_status_page import open_live, row

CELL_JS = """
for (const tr of document.querySelectorAll('tr[data-namespec]'))
  if (tr.dataset.namespec === arguments[0]) {
    const cell = tr.querySelector('td.' + arguments[1]);
    const path = cell.querySelector('svg path');
    return {text: cell.querySelector('.figure').textContent, path: path ? path.getAttribute('d') : null};
  }
return null;
"""

VISIBLE_ORDER_JS = """
return [...document.querySelectorAll('tr[data-namespec]')].filter(tr => !tr.hidden).map(tr => tr.dataset.namespec);
"""


def cell(driver, namespec, column):
    return driver.execute_script(CELL_JS, namespec, column)


def cpu_of(driver, namespec):
    match = re.fullmatch(r"([\d.]+)%", cell(driver, namespec, "cpu")["text"])
    return float(match.group(1)) if match else None


def start(web):
    site = web(harness.BURNER_AND_SLEEPERS)
    for name in ("burner", "sleeper", "pool:pool_0", "pool:pool_1"):
        site.daemon.wait_for_state(name, "RUNNING")
    return site


def test_cpu_and_memory_per_process_with_a_chart_that_moves(web, browser):
    site = start(web)
    open_live(browser, site)
    harness.wait_until(lambda: cpu_of(browser, "burner") is not None and cpu_of(browser, "burner") > 5,
                       timeout=15, message="the burner's CPU % on the page")
    for namespec in ("burner", "sleeper", "pool:pool_0"):
        assert re.fullmatch(r"\d+\.\d (MiB|GiB)", cell(browser, namespec, "memory")["text"]), namespec
        assert cpu_of(browser, namespec) is not None
    assert cpu_of(browser, "sleeper") < cpu_of(browser, "burner")
    # The burner's chart has a line, which moves with the next readings.
    first = cell(browser, "burner", "cpu")["path"]
    assert first and first.startswith("M")
    harness.wait_until(lambda: cell(browser, "burner", "cpu")["path"] != first, timeout=10,
                       message="the burner's chart to move")
    assert cell(browser, "burner", "memory")["path"].startswith("M")
    # The pool's heading row sums its two processes.
    totals = browser.execute_script(
        "const g = document.querySelector('tr.group');"
        "return [g.querySelector('td.cpu').textContent, g.querySelector('td.memory').textContent];")
    assert re.fullmatch(r"\d+\.\d%", totals[0]) and re.fullmatch(r"\d+\.\d MiB", totals[1]), totals
    site.daemon.wait_for_log(r"DEBG resource sampling started")
    # Leaving the page ends the sampling.
    browser.get("about:blank")
    site.daemon.wait_for_log(r"DEBG resource sampling stopped")


def test_sorting_by_cpu_puts_the_burner_first_and_filters_hide_rows(web, browser):
    site = start(web)
    open_live(browser, site)
    harness.wait_until(lambda: cpu_of(browser, "burner") is not None, timeout=15, message="CPU figures")
    heads = {th.get_attribute("data-sort"): th for th in browser.find_elements("css selector", "th[data-sort]")}
    heads["name"].click()
    assert browser.execute_script(VISIBLE_ORDER_JS) == ["burner", "pool:pool_0", "pool:pool_1", "sleeper"]
    heads["name"].click()
    assert browser.execute_script(VISIBLE_ORDER_JS) == ["sleeper", "pool:pool_1", "pool:pool_0", "burner"]
    heads["cpu"].click()
    assert heads["cpu"].get_attribute("aria-sort") == "descending"
    harness.wait_until(lambda: browser.execute_script(VISIBLE_ORDER_JS)[0] == "burner",
                       message="the burner first by CPU")
    heads["memory"].click()
    assert heads["memory"].get_attribute("aria-sort") == "descending"

    name = browser.find_element("id", "filter-name")
    name.send_keys("pool")
    assert sorted(browser.execute_script(VISIBLE_ORDER_JS)) == ["pool:pool_0", "pool:pool_1"]
    name.clear()
    name.send_keys("x")  # clear() fires no input event: type, then erase
    name.send_keys("\b")
    assert len(browser.execute_script(VISIBLE_ORDER_JS)) == 4
    cpu = browser.find_element("id", "filter-cpu")
    cpu.send_keys("5")
    harness.wait_until(lambda: browser.execute_script(VISIBLE_ORDER_JS) == ["burner"],
                       message="only the burner at 5 % CPU or more")
    assert not browser.find_element("css selector", "tr.group").is_displayed()
    cpu.send_keys("\b")
    site.daemon.rpc.supervisor.stopProcess("sleeper")
    harness.wait_until(lambda: row(browser, "sleeper").find_element("css selector", ".state .badge").text == "STOPPED",
                       message="the sleeper STOPPED")
    Select(browser.find_element("id", "filter-state")).select_by_visible_text("STOPPED")
    assert browser.execute_script(VISIBLE_ORDER_JS) == ["sleeper"]
    assert cell(browser, "sleeper", "cpu")["text"] == "–"
