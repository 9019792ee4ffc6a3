"""Session-wide test settings: learners' records go to a temporary folder, never the checkout."""

import os
import tempfile

# Set before any kernel starts, so notebooks executed by nbval inherit it too.
os.environ.setdefault("OCWORKBOOK_STATE", tempfile.mkdtemp(prefix="ocworkbook-test-state-"))
os.environ.setdefault("MPLBACKEND", "Agg")
