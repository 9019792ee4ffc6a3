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
