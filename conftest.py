"""Session-wide test settings: learners' records go to a temporary folder, never the checkout."""

import os
import tempfile

# Set before any kernel starts, so notebooks executed by nbval inherit it too.
os.environ.setdefault("OCWORKBOOK_STATE", tempfile.mkdtemp(prefix="ocworkbook-test-state-"))
os.environ.setdefault("MPLBACKEND", "Agg")
# Live workshop servers started by tests and notebooks listen on loopback only.
os.environ.setdefault("OCWORKBOOK_ATELIER_ADRESSE", "127.0.0.1")

# Property tests: no per-example deadline (a loaded CI machine must not turn a slow example into a failure).
try:
    from hypothesis import settings

    settings.register_profile("ocworkbook", deadline=None)
    settings.load_profile("ocworkbook")
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass
