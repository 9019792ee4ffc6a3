"""The QR code that takes a phone to the join page (segno: pure Python, no image library)."""

from __future__ import annotations

import io


def _code(url: str):
    import segno

    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, scale: int = 8) -> str:
    """The QR code as a standalone SVG document (black on white, quiet zone of 4 modules)."""
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="svg", scale=scale, border=4, dark="#000", light="#fff", xmldecl=False,
                    svgns=True, title="QR")
    return buffer.getvalue().decode("utf-8")


def qr_terminal(url: str) -> str:
    """The QR code drawn with block characters, for ``ocworkbook atelier`` in a terminal."""
    buffer = io.StringIO()
    _code(url).terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
