"""Which address participants' phones can reach: the laptop's addresses on the local network.

Nothing is sent on the network to find them: the addresses come from the host name and, on Linux
and macOS, from the system's own listing (``ip -4 -o addr`` or ``ifconfig``).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import socket
import subprocess
import sys

HOST_ENV = "OCWORKBOOK_ATELIER_ADRESSE"  # forces the address (tests and CI use 127.0.0.1)
_INET = re.compile(r"\binet (\d+\.\d+\.\d+\.\d+)")


def _listed() -> set[str]:
    for command in (["ip", "-4", "-o", "addr", "show"], ["ifconfig"]):
        if shutil.which(command[0]):
            try:
                out = subprocess.run(command, capture_output=True, text=True, timeout=3).stdout
            except (OSError, subprocess.SubprocessError):
                continue
            return set(_INET.findall(out))
    return set()


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine other than loopback and link-local, private ones first."""
    found: set[str] = set()
    try:
        found |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        pass
    if sys.platform != "win32":
        found |= _listed()
    usable = []
    for address in found:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified):
            usable.append(ip)
    return [str(ip) for ip in sorted(usable, key=lambda ip: (not ip.is_private, ip))]


def choose_host(requested: str | None = "auto") -> tuple[str, bool]:
    """(address to bind, whether phones can reach it). ``auto``: the first local-network address."""
    forced = os.environ.get(HOST_ENV)
    if forced:
        requested = forced
    if requested and requested != "auto":
        return requested, not ipaddress.ip_address(requested).is_loopback if _is_ip(requested) else True
    addresses = lan_addresses()
    if addresses:
        return addresses[0], True
    return "127.0.0.1", False


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return False


def free_port(host: str, preferred: int = 8765) -> int:
    """``preferred`` if it is free on ``host``, else any free port."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host if host != "0.0.0.0" else "", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port")


def connect_host(host: str) -> str:
    """Where this machine reaches the server it started on ``host``."""
    return "127.0.0.1" if host in ("0.0.0.0", "", "::") else host


