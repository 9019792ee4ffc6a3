"""A real JupyterLab server started by the tests, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_guard import CHROMIUM, CHROMIUM_ARGS, guard_offline

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _require_chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: .ci/run must install it (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """JupyterLab on a free loopback port, no token, news and update checks off; yields its URL."""
    _require_chromium()
    home = tmp_path_factory.mktemp("lab")
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    from ocworkbook.workbook_copy import copy_workbook

    workbook = home / "cahier"  # a learner's copy, so the checkout never gets checkpoints or records
    copy_workbook(ROOT, workbook)
    port = _free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTER_RUNTIME_DIR=str(home / "rt"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"), OCWORKBOOK_STATE=str(home / "state"))
    log = open(home / "lab.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
         f"--ServerApp.root_dir={workbook}", "--LabApp.expose_app_in_browser=True",
         "--ServerApp.port_retries=0", "--allow-root"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError((home / "lab.log").read_text()) from None
            time.sleep(0.5)
    else:
        process.kill()
        raise RuntimeError("JupyterLab did not start:\n" + (home / "lab.log").read_text())
    yield url
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(home / "rt", ignore_errors=True)


def open_and_run(page, lab_url: str, notebook: str) -> None:
    """Open ``notebook`` in JupyterLab, wait for an idle kernel, and run every cell."""
    workspace = notebook.split(".")[0]  # a fresh workspace per notebook: no tab restored from another test
    page.goto(f"{lab_url}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset")
    page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_function(
        "(name) => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.context && w.context.path.endsWith(name); }", arg=notebook, timeout=60_000)
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
        " && w.sessionContext.session.kernel.status === 'idle'; }", timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


@pytest.fixture
def browser_page():
    """A chromium page whose every request leaving loopback is aborted and recorded."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        guard_offline(context, outside)
        page = context.new_page()
        page.outside_requests = outside
        yield page
        context.close()
        browser.close()
