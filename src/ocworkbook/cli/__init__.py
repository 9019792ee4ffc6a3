"""Command-line interface: ``ocworkbook VERB …``, one module per verb (see :mod:`.main`)."""
