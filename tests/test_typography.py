"""French spacing: no lone « ? » at the start of a line, code untouched."""

from ocworkbook.typography import NBSP, NNBSP, french_spacing


def test_spaces_before_double_punctuation_become_non_breaking():
    assert french_spacing("Qui décide ? Personne !") == f"Qui décide{NNBSP}? Personne{NNBSP}!"
    assert french_spacing("Deux registres : l'un ; l'autre.") == f"Deux registres{NBSP}: l'un{NNBSP}; l'autre."
    assert french_spacing("une « table des tables »") == f"une «{NBSP}table des tables{NBSP}»"


def test_code_urls_and_tables_are_left_alone():
    text = "Voir `df[a : b] ?` et https://x.org/a:b\n\n```python\nx = 1 ; y = 2 ?\n```\n| a | b |\n| :-- | --: |"
    fixed = french_spacing(text)
    assert "`df[a : b] ?`" in fixed and "x = 1 ; y = 2 ?" in fixed and "| :-- | --: |" in fixed
    assert "https://x.org/a:b" in fixed


def test_text_without_french_punctuation_is_unchanged():
    assert french_spacing("Rien à changer.") == "Rien à changer."
