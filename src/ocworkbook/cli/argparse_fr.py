"""The command line's own words (« usage », « options », its error messages) in the workbook's language.

argparse writes them in English through ``gettext``; :func:`install` gives argparse a translation
of the few strings a person meets, for the ``ocworkbook`` process only (called from ``main``).
"""

from __future__ import annotations

import argparse

from ..i18n import get_language

FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choix possibles : %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "expected one argument": "une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s (%(matches)s ?)",
    "one of the arguments %s is required": "un de ces arguments est obligatoire : %s",
    "not allowed with argument %s": "impossible avec l'argument %s",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "verbe inconnu %(parser_name)r (choix : %(choices)s)",
}


def _translate(message: str) -> str:
    return FRENCH.get(message, message) if get_language() == "fr" else message


def install() -> None:
    """Make argparse speak the current language (French by default)."""
    argparse._ = _translate
