"""Rubrics: the bundled palermo/extended rubrics, and refusal of malformed rubric files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcompare.errors import RubricError
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Rubric

PALERMO_IDS = [
    "act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt",
    "means.threat", "means.force", "means.coercion", "means.abduction", "means.fraud", "means.deception",
    "means.abuse_of_power", "means.abuse_of_vulnerability", "means.payments_to_controller",
    "purpose.prostitution_of_others", "purpose.sexual_exploitation", "purpose.forced_labour", "purpose.slavery",
    "purpose.practices_similar_to_slavery", "purpose.servitude", "purpose.organ_removal",
    "child.no_means_required", "consent.irrelevant", "victim.non_punishment",
    "penalty.serious_crime", "penalty.commensurate", "penalty.aggravation.child",
    "penalty.aggravation.organised_group", "penalty.aggravation.official",
    "penalty.aggravation.serious_harm_or_death", "penalty.confiscation",
]


def test_palermo_ids_in_order(palermo: Rubric) -> None:
    assert len(PALERMO_IDS) == 31
    assert palermo.ids() == PALERMO_IDS
    assert palermo.id == "palermo"
    assert palermo.rubric.extends is None


def test_palermo_groups_and_get(palermo: Rubric) -> None:
    assert {c.group for c in palermo.criteria} <= {g.id for g in palermo.groups}
    assert palermo.get("means.fraud").group == "means"
    assert palermo.group_title("act") == "The act"
    with pytest.raises(RubricError, match="unknown criterion"):
        palermo.get("means.magic")


def test_palermo_has_context_for_both_languages(palermo: Rubric) -> None:
    assert set(palermo.context) == {"en", "ru"}
    for lang in ("en", "ru"):
        assert palermo.context[lang].trafficking_anchor


def test_extended_extends_palermo(palermo: Rubric) -> None:
    ext = load_rubric("extended")
    assert ext.rubric.extends == "palermo"
    assert ext.id == "extended"
    ids = ext.ids()
    assert ids[: len(PALERMO_IDS)] == PALERMO_IDS
    assert len(ids) > len(PALERMO_IDS) and len(set(ids)) == len(ids)
    assert {"victim.assistance", "liability.legal_persons", "ancillary.attempt"} <= set(ids)
    group_ids = {g.id for g in ext.groups}
    assert {g.id for g in palermo.groups} <= group_ids
    assert {"scope", "victim_support"} <= group_ids
    assert set(ext.context) >= set(palermo.context)


def test_load_by_path_equals_by_name(palermo: Rubric) -> None:
    from lawcompare.records.corpus import bundled_path

    assert load_rubric(bundled_path("rubrics") / "palermo.yaml").ids() == palermo.ids()
    assert load_rubric(palermo) is palermo


def test_unknown_rubric_name() -> None:
    with pytest.raises(RubricError) as info:
        load_rubric("nope")
    msg = str(info.value)
    assert "'nope'" in msg and "palermo" in msg and "extended" in msg


MINIMAL = """\
rubric:
  id: mini
  title: Minimal test rubric
  version: "1"
groups:
  - {id: act, title: The act}
criteria:
  - id: act.recruitment
    group: act
    label: Recruitment
    legal_basis: test
    obligation: mandatory
    satisfied_when: the law covers recruitment
    detection:
      en:
        - phrase: recruitment
  - id: act.transfer
    group: act
    label: Transfer
    legal_basis: test
    obligation: optional
    satisfied_when: the law covers transfer
"""


def _write(tmp_path: Path, text: str, name: str = "mini.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_minimal_rubric_loads(tmp_path: Path) -> None:
    r = load_rubric(_write(tmp_path, MINIMAL))
    assert r.ids() == ["act.recruitment", "act.transfer"]
    assert r.get("act.recruitment").detection.patterns("en")[0].phrase == "recruitment"


@pytest.mark.parametrize(
    ("old", "new", "line", "needle"),
    [
        # unknown field (typo)
        ("    obligation: optional\n", "    obligation: optional\n    priorty: 2\n", 22, "unknown field"),
        # a required field misspelt: reported as missing, on the criterion's line
        ("    label: Transfer\n", "    lable: Transfer\n", 17, "required field is missing"),
        # duplicate id
        ("  - id: act.transfer\n", "  - id: act.recruitment\n", 17, "appears twice"),
        # bad id pattern
        ("  - id: act.transfer\n", "  - id: Act-Transfer\n", 17, "pattern"),
        # a pattern with both phrase and all
        ("        - phrase: recruitment\n", "        - phrase: recruitment\n          all: [recruit, person]\n",
         16, "exactly one of"),
        # an unknown group
        ("    group: act\n    label: Transfer\n", "    group: acts\n    label: Transfer\n", 18, "unknown group"),
        # a heading pattern of two words: the heading would leave one word to match alone
        ("        - phrase: recruitment\n", "        - all: [recruit, person]\n          within: heading\n",
         16, "three words"),
    ],
)
def test_malformed_rubric(tmp_path: Path, old: str, new: str, line: int, needle: str) -> None:
    assert old in MINIMAL
    p = _write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(RubricError) as info:
        load_rubric(p)
    err = info.value
    assert err.file == str(p)
    assert err.line == line
    assert needle in err.message
    assert str(err).startswith(f"{p}:{line}:")


def test_rubric_alias_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("    legal_basis: test\n", "    legal_basis: &basis test\n", 1)
    text = text.replace("    obligation: optional\n", "    obligation: optional\n    model_provision: *basis\n")
    p = _write(tmp_path, text)
    with pytest.raises(RubricError) as info:
        load_rubric(p)
    assert info.value.file == str(p)
    assert info.value.line == text.splitlines().index("    model_provision: *basis") + 1
    assert "alias" in info.value.message


def test_rubric_must_be_mapping(tmp_path: Path) -> None:
    p = _write(tmp_path, "- just\n- a list\n")
    with pytest.raises(RubricError) as info:
        load_rubric(p)
    assert info.value.file == str(p) and "mapping" in info.value.message


def test_rubric_extending_unknown_base(tmp_path: Path) -> None:
    text = MINIMAL.replace('  version: "1"\n', '  version: "1"\n  extends: nosuch\n')
    path = _write(tmp_path, text)
    with pytest.raises(RubricError, match="names no bundled rubric 'nosuch'") as info:
        load_rubric(path)
    assert info.value.file == str(path.resolve()) and info.value.line is not None


def test_rubric_extending_palermo_overrides_and_adds(tmp_path: Path) -> None:
    text = MINIMAL.replace('  version: "1"\n', '  version: "1"\n  extends: palermo\n')
    text = text.replace("  - id: act.transfer\n", "  - id: act.extra_thing\n")
    r = load_rubric(_write(tmp_path, text))
    assert r.ids() == [*PALERMO_IDS, "act.extra_thing"]
    assert r.get("act.recruitment").label == "Recruitment"
    assert r.get("act.recruitment").legal_basis == "test"  # own criterion replaces the base one


def test_validate_all_reports_broken_rubric(tmp_path: Path) -> None:
    from lawcompare.validation import validate_all

    p = _write(tmp_path, MINIMAL.replace("  - id: act.transfer\n", "  - id: act.recruitment\n"))
    problems, counted = validate_all([str(p)])
    assert counted == 1
    assert [(q.file, q.line) for q in problems] == [(str(p), 17)]
    assert "appears twice" in problems[0].message


def test_validate_all_reports_rubric_unknown_field(tmp_path: Path) -> None:
    from lawcompare.validation import validate_all

    p = _write(tmp_path, MINIMAL.replace("    obligation: optional\n", "    obligation: optional\n    priorty: 2\n"))
    problems, _counted = validate_all([str(p)])
    assert [(q.file, q.line) for q in problems] == [(str(p), 22)]



def test_extends_cannot_reach_outside_the_rubric_folder(tmp_path):
    from lawcompare.errors import RubricError
    from lawcompare.rubric import load as rubric_load

    (tmp_path / "secret.yaml").write_text("rubric: {id: secret, title: S, version: '1'}\n", encoding="utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    mine = folder / "mine.yaml"
    for target in ("/etc/hostname", "../secret.yaml", "sub/../../secret.yaml"):
        mine.write_text(f"rubric:\n  id: mine\n  title: Mine\n  version: '1'\n  extends: {target!r}\n",
                        encoding="utf-8")
        rubric_load._load_cached.cache_clear()
        with pytest.raises(RubricError) as info:
            rubric_load.load_rubric(mine)
        assert info.value.file.endswith("mine.yaml") and info.value.line == 5, target
        assert "this rubric's folder" in info.value.message


def test_extends_a_file_beside_the_rubric(tmp_path):
    from lawcompare.records.corpus import bundled_path
    from lawcompare.rubric.load import load_rubric

    shutil.copy(bundled_path("rubrics") / "palermo.yaml", tmp_path / "base.yaml")
    (tmp_path / "child.yaml").write_text("rubric:\n  id: child\n  title: Child\n  version: '1'\n"
                                         "  extends: base.yaml\n", encoding="utf-8")
    assert "act.recruitment" in load_rubric(tmp_path / "child.yaml").ids()
