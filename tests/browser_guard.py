"""What every real-browser test shares: Debian's chromium, its flags, and a guard that keeps pages offline.

The guard lets ``data:``, ``blob:``, ``about:`` and loopback requests through and aborts and records
every other one, so a test can assert that nothing left the machine.
"""

from __future__ import annotations

from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def is_local(url: str) -> bool:
    """True for a request that stays on this machine."""
    return url.startswith(("data:", "blob:", "about:")) or (urlparse(url).hostname or "") in LOOPBACK


def guard_offline(context, outside: list[str]):
    """Abort every request of Playwright ``context`` that leaves loopback, recording its URL in ``outside``."""
    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context
