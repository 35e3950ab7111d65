"""docs/scenarios.md: its field reference is generated from the schema and must not drift."""

from __future__ import annotations

import typing
from pathlib import Path

import attrs

from wargame.model import docgen
from wargame.model.scenario import Scenario

DOC = Path(__file__).resolve().parents[1] / "docs" / "scenarios.md"


def _tables(cls: type) -> set[type]:
    found: set[type] = set()
    for tp in typing.get_type_hints(cls).values():
        for t in (tp, *typing.get_args(tp)):
            if attrs.has(t) and t not in found:
                found |= {t, *_tables(t)}
    return found


def test_the_committed_reference_equals_the_generated_one() -> None:
    current = DOC.read_text(encoding="utf-8")
    assert docgen.MARKER in current
    assert docgen.render(current) == current, "run: python -m wargame.model.docgen"


def test_every_table_and_field_of_the_schema_is_documented() -> None:
    assert _tables(Scenario) == set(docgen.MECHANISMS)
    text = docgen.reference()
    for cls in docgen.MECHANISMS:
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in text
            assert field.metadata.get("doc"), f"{cls.__name__}.{field.name} has no doc"


def test_a_changed_doc_string_makes_the_check_fail(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stale = DOC.read_text(encoding="utf-8").replace("Title shown to players.", "Old wording.")
    assert docgen.render(stale) != stale


def test_types_ranges_and_defaults_read_as_an_author_would() -> None:
    text = docgen.reference()
    assert "| `horizon_days` | whole number | 1 to 3650 | **required** |" in text
    assert '| `rule` | text | `consensus`, `majority` | `"consensus"` |' in text
    assert "| `prompt_at` | date-time (optional) |  | none |" in text
    assert "| `phases` | tables `[[mobilisation.phases]]` |  | none |" in text


def test_every_prompt_and_free_decision_is_in_the_decisions_table() -> None:
    """The decisions table lists every prompt the engine can put and every free decision it takes,
    with the engine's own choices (the free decisions' registry lives in the engine, which the
    model's docgen may not import: this test keeps the two in step)."""
    from wargame.engine.standard import FREE_DECISIONS
    from wargame.model.prompts import PROMPT_RULES

    assert set(docgen.PROMPT_WHO) == set(PROMPT_RULES)
    assert {k: v[0] for k, v in docgen.FREE_DECISION_DOCS.items()} == {
        k: d.options for k, d in FREE_DECISIONS.items()
    }
    text = "\n".join(docgen.decisions())
    for kind, rule in PROMPT_RULES.items():
        assert f"| `{kind}` | " in text and rule.when.split(";")[0] in text
    for kind in FREE_DECISIONS:
        assert f"| `{kind}` | " in text
    assert "| `pressure_response` | **`run`**, `accept` |" in text
    assert "| `escalate` | `invade`, `blockade`, **`persist`**, `lift` |" in text
