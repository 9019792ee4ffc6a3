"""The « Durée » of notebooks 05–08 is honest, estimated by the method that docs/gabarit-carnet.md states.

The announced individual time is « environ N minutes : lecture (a min), … (b min), exercices (e min …) ».
The method stated in each notebook is checked here: reading is the notebook's prose (without its
references, further reading and the duration itself) at about 150 words a minute; exercises are the sum
of the bank's « minutes »; N is the sum of the parts. Notebook 08 also reads one path of the scenario.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ocworkbook.scenarios import engine
from ocworkbook.scenarios.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
STEMS = ["05-concertation-des-concertations", "06-participation-citoyenne",
         "07-competences-pratique-reflexive", "08-cas-integrateur"]
WORDS_PER_MINUTE = 150
NOT_READ = ("## Références", "## Pour aller plus loin", "## Durée")


def words(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def sections(stem):
    nb = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    current, out = None, []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for line in text.splitlines():
            if line.startswith("## "):
                current = line.strip()
        out.append((current, text))
    return out


def announced(stem):
    text = " ".join(next(t for h, t in sections(stem) if h == "## Durée").split())
    match = re.search(r"\*\*Travail individuel\*\* : environ (\d+) minutes : (.*?)\.( -|$)", text)
    assert match, text
    parts = [(label.strip(), int(n)) for label, n in re.findall(r"([^,(]+?) \((\d+) min", match.group(2))]
    return int(match.group(1)), parts, text


@pytest.mark.parametrize("stem", STEMS)
def test_duration_adds_up_and_states_its_method(stem):
    total, parts, text = announced(stem)
    labels = [label for label, _ in parts]
    assert labels[0] == "lecture" and labels[-1] == "exercices", labels
    assert abs(sum(n for _, n in parts) - total) <= 3, (total, parts)
    assert total % 5 == 0
    assert "Comment ce temps est estimé" not in text  # the method is for authors: docs/gabarit-carnet.md

    read = sum(words(t) for h, t in sections(stem) if not (h or "").startswith(NOT_READ))
    assert abs(parts[0][1] - read / WORDS_PER_MINUTE) <= 1.5, (parts[0], read)

    bank = yaml.safe_load((ROOT / "exercises" / f"{stem}.yml").read_text(encoding="utf-8"))["exercices"]
    assert parts[-1][1] == sum(ex["minutes"] for ex in bank)
    reflection = sum(ex["minutes"] for ex in bank if ex["type"] == "reflexion")
    assert f"dont {reflection} pour la réflexion écrite" in text
    for ex in bank:  # writing the words asked for, at about 6 words a minute, fits in the announced time
        if ex["type"] == "reflexion":
            assert ex["minutes"] >= ex["min_mots"] / 6, ex["id"]


def test_the_method_checked_here_is_the_one_documented_for_authors():
    guide = " ".join((ROOT / "docs" / "gabarit-carnet.md").read_text(encoding="utf-8").split())
    assert f"environ {WORDS_PER_MINUTE} mots par minute" in guide
    assert "environ 6 mots par minute" in guide


def test_scenario_time_covers_reading_one_average_path():
    scenario = load_scenario(ROOT / "exercises" / "scenarios" / "le-programme-arrive.yml")
    states = list(engine.paths(scenario))
    mean_decisions = sum(len(s.history) for s in states) / len(states)
    per_step = []
    for step in scenario.steps.values():
        chosen = sum(words(c.explanation) for c in step.choices) / len(step.choices)
        per_step.append(words(step.text) + sum(words(c.text) for c in step.choices) + chosen)
    reading = (words(scenario.context) + mean_decisions * sum(per_step) / len(per_step)) / WORDS_PER_MINUTE
    needed = reading + mean_decisions  # about a minute of thought per decision
    _total, parts, _text = announced(STEMS[3])
    scenario_part = next(n for label, n in parts if "scénario" in label)
    assert needed - 2 <= scenario_part <= needed + 6, (scenario_part, round(needed, 1))
