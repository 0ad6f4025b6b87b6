"""Helpers for the web interface tests and the screenshot script: a daemon of
ours with an inet HTTP server on a free local port, a headless Chromium, and
plain HTTP requests to the page.

The web page is our own (the reference's differs), so these run only against
our supervisord. A missing browser is a failure, not a skip:
scripts/lib/install-browser.sh installs it.
"""

import base64
import re
import shutil
import urllib.error
import urllib.request

import pytest

import harness

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


class WebDaemon:
    """Our supervisord (a harness.Supervisord) plus the URL of its web page."""

    def __init__(self, factory, programs, credentials=None):
        port = harness.free_port()
        auth = ""
        if credentials:
            auth = "username=%s\npassword=%s\n" % credentials
        inet = "[inet_http_server]\nport=127.0.0.1:%d\n%s\n" % (port, auth)
        # Only the inet server (the browser's) gets credentials; the harness keeps
        # talking XML-RPC over the unix socket without them.
        self.daemon = factory.new(inet + programs)
        self.base = "http://127.0.0.1:%d" % port
        self.credentials = credentials

    def start(self):
        self.daemon.start()
        return self

    def url(self, path="/", with_credentials=False):
        if with_credentials and self.credentials:
            return self.base.replace("://", "://%s:%s@" % self.credentials) + path
        return self.base + path

    def request(self, path, data=None, headers=None, auth=False):
        """(status, headers, body text); redirects are not followed."""
        req = urllib.request.Request(self.base + path, data=data, headers=dict(headers or {}))
        if auth and self.credentials:
            token = base64.b64encode(("%s:%s" % self.credentials).encode()).decode()
            req.add_header("Authorization", "Basic " + token)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=10) as resp:
                return resp.status, resp.headers, resp.read().decode(errors="replace")
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read().decode(errors="replace")

    def csrf_token(self):
        status, _, body = self.request("/", auth=True)
        assert status == 200
        return re.search(r'name="token" value="([0-9a-f]+)"', body).group(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def chromium_paths():
    """(browser, driver) paths, failing the test when either is missing."""
    browser = next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("headless Chromium not found (browser %r, chromedriver %r): run "
                    "scripts/lib/install-browser.sh" % (browser, driver), pytrace=False)
    return browser, driver


def new_browser(width=1280, height=900):
    """A headless Chromium under selenium; the caller must quit() it."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed in .build/venv: run scripts/lib/install-browser.sh",
                    pytrace=False)
    browser, driver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=%d,%d" % (width, height), "--hide-scrollbars"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)
