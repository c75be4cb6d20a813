"""Headless Chromium for the view tests, driven through selenium and Debian's chromedriver.

Nothing is downloaded: the browser and driver are the Debian packages `chromium` and
`chromium-driver` (`apt-get install -y chromium chromium-driver fonts-wqy-microhei`), and
selenium's own driver manager is never asked for anything.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KG_CHROMEDRIVER", "/usr/bin/chromedriver")
INSTALL_HINT = "apt-get install -y chromium chromium-driver fonts-wqy-microhei && pip install selenium"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--disable-dev-shm-usage",
]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return f"selenium is not installed; install with: {INSTALL_HINT}"
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{what} not found at {path}; install with: {INSTALL_HINT}"
    return None


@contextmanager
def chromium(width: int = 1600, height: int = 1000):
    """A fresh headless Chromium (own profile in a temp dir) that records console and network logs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path, timeout: float = 120.0) -> dict:
    """Load `path` and wait until the view reports it has settled; timings in ms."""
    start = time.perf_counter()
    driver.get(Path(path).resolve().as_uri())
    deadline = start + timeout
    while time.perf_counter() < deadline:
        if driver.execute_script("return !!(window.kgView && window.kgView.ready)"):
            break
        time.sleep(0.05)
    else:
        raise TimeoutError(f"{path} did not settle within {timeout} s")
    wall = (time.perf_counter() - start) * 1000
    return {"wall_ms": wall, "settled_ms": driver.execute_script("return window.kgView.settledAt")}


def console_errors(driver) -> list[str]:
    """Severe console messages plus anything window.onerror caught."""
    logs = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    return logs + list(driver.execute_script("return window.__kgErrors || []"))


def network_requests(driver) -> list[str]:
    """Every URL the page asked for other than itself (file:, data:, blob: are local)."""
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    return [u for u in urls + resources if not u.startswith(("file:", "data:", "blob:"))]


def click_node(driver, node_id: int) -> None:
    """A real mouse click at the node's place on the canvas (after centring it)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver.execute_script(
        "var n = window.kgView.network; n.moveTo({position: n.getPositions([arguments[0]])[arguments[0]], scale: 1.0, animation: false});",
        node_id,
    )
    time.sleep(0.2)
    x, y, w, h = driver.execute_script(
        "var n = window.kgView.network, p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "var c = document.querySelector('#network canvas'); return [p.x, p.y, c.clientWidth, c.clientHeight];",
        node_id,
    )
    canvas = driver.find_element(By.CSS_SELECTOR, "#network canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).click().perform()
