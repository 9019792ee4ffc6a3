"""``python -m ocworkbook``: the same as the ``ocworkbook`` command."""

import sys

from ocworkbook.cli.main import main

sys.exit(main())
