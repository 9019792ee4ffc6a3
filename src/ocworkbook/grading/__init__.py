"""Grading learners' answer files (``ocworkbook grade``) against the instructor's clear key.

- :mod:`.submissions` reads ``remise-*.json`` files: identity, checksum, duplicates;
- :mod:`.score` re-scores each answer with the clear key (the stored status is never trusted);
- :mod:`.report` writes the Moodle-ready CSV, the report and the summary chart.
"""
