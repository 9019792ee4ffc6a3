"""Long Markdown cells become a slide and its sub-slides; a block is never cut in the middle."""

from ocworkbook.publish.slide_split import MAX_CHARS, split_long_cells, split_text


def test_a_long_cell_is_split_at_paragraphs_with_its_heading_repeated():
    paragraphs = [f"Paragraphe {n} " + "mot " * 40 for n in range(6)]
    text = "## Un titre de section\n\n" + "\n\n".join(paragraphs)
    parts = split_text(text)
    assert len(parts) > 1 and all(len(p) <= MAX_CHARS + 250 for p in parts)
    assert parts[0].startswith("## Un titre de section") and parts[1].startswith("## Un titre de section (suite)")
    assert "".join(parts).count("Paragraphe") == 6  # nothing lost, nothing cut


def test_list_items_stay_whole_and_short_cells_are_untouched():
    items = "\n".join(f"- élément {n} " + "texte " * 30 for n in range(8))
    parts = split_text("### Liste\n\n" + items)
    assert all(line.startswith(("- ", "### ")) or not line.strip() for p in parts for line in p.splitlines())
    notebook = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {"slideshow": {"slide_type": "slide"}},
                           "source": "court"},
                          {"cell_type": "markdown", "id": "b", "metadata": {"slideshow": {"slide_type": "-"}},
                           "source": "### Liste\n\n" + items}]}
    cells = split_long_cells(notebook)["cells"]
    assert cells[0]["source"] == "court" and len(cells) > 3
    assert {c["metadata"]["slideshow"]["slide_type"] for c in cells[2:]} == {"subslide"}
    assert len({c["id"] for c in cells}) == len(cells)


def test_a_code_cell_with_a_table_and_a_chart_can_go_on_two_slides():
    table = {"output_type": "display_data", "data": {"text/html": "<table>" + "<tr><td>x</td></tr>" * 20 + "</table>"}}
    chart = {"output_type": "display_data", "data": {"image/svg+xml": "<svg></svg>"}}
    notebook = {"cells": [{"cell_type": "code", "id": "c", "metadata": {"slideshow": {"slide_type": "subslide"}},
                           "source": "show()", "outputs": [table, chart]}]}
    cells = split_long_cells(notebook)["cells"]
    assert [len(c["outputs"]) for c in cells] == [1, 1]
    assert cells[1]["metadata"]["slideshow"]["slide_type"] == "subslide"  # the slide was already full


def _heading_only(part: str) -> bool:
    lines = [line for line in part.splitlines() if line.strip()]
    return all(line.startswith("#") for line in lines)


def test_a_heading_is_never_left_alone_on_a_slide():
    long_paragraph = "Une longue lecture " + "mot " * 170  # longer than a slide by itself
    parts = split_text("## À retenir\n\n" + long_paragraph + "\n\n- un point\n- un autre point")
    assert parts[0].startswith("## À retenir\n\n" + "Une longue lecture")  # the title stays with its text
    assert not any(_heading_only(p) for p in parts)
    # a sub-heading that would close a slide goes over to the next one, with the text it introduces
    text = "## Étude\n\n" + "Texte " * 90 + "\n\n### Durée\n\n" + "Détail " * 40
    parts = split_text(text)
    assert len(parts) == 2 and not parts[0].rstrip().endswith("### Durée")
    assert parts[1].startswith("## Étude (suite)\n\n### Durée\n\n")


def test_a_title_cell_keeps_the_next_cell_on_its_slide():
    table = {"output_type": "display_data", "data": {"text/html": "<table>" + "<tr><td>x</td></tr>" * 20 + "</table>"}}
    notebook = {"cells": [
        {"cell_type": "markdown", "id": "t", "metadata": {"slideshow": {"slide_type": "slide"}},
         "source": "## Durée"},
        {"cell_type": "code", "id": "c", "metadata": {"slideshow": {"slide_type": "-"}}, "source": "x",
         "outputs": [table]}]}
    cells = split_long_cells(notebook)["cells"]
    assert cells[1]["metadata"]["slideshow"]["slide_type"] == "-"


def test_items_written_over_several_lines_are_still_separate_blocks():
    """A reference list: each item wraps onto indented lines; the list must still split between items."""
    items = "\n".join(f"- Auteur {n} (2008). *Un titre assez long pour la ligne*, éditeur,\n"
                      f"  ville. https://exemple.org/{n}" + " suite" * 12 for n in range(20))
    parts = split_text("## Références\n\n" + items + "\n  - un sous-point reste avec son parent")
    assert len(parts) > 3 and all(len(p) <= MAX_CHARS + 40 for p in parts)
    assert "".join(parts).count("- Auteur") == 20 and parts[-1].rstrip().endswith("avec son parent")
