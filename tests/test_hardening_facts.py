"""Issue 15 items 1-2, 7: hostile facts files are refused by name, quickly, in bounded memory."""

from __future__ import annotations

import json
import time

import pytest

from assistant.facts_io import FactsFileError, load_facts, parse_facts

HEAD = "agency: 测试县测试局\nyear: 2023\n"

BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    + "agency: *i\nyear: 2023\ncells: {a: *i}\nnarrative: {active: *i}\n"
)


def _refused(data: bytes | str, name: str = "bad.yaml", fragment: str = "") -> str:
    raw = data.encode() if isinstance(data, str) else data
    t0 = time.perf_counter()
    with pytest.raises(FactsFileError) as e:
        parse_facts(raw, name, json_hint=name.endswith(".json"))
    assert time.perf_counter() - t0 < 2
    assert name in str(e.value) and fragment in str(e.value)
    return str(e.value)


def test_billion_laughs_is_refused_before_expansion() -> None:
    assert len(BOMB) < 600
    _refused(BOMB, fragment="引用")


def test_a_single_harmless_alias_is_refused_too() -> None:
    _refused(HEAD + "cells:\n  review.upheld: &v 3\n  review.corrected: *v\n", fragment="引用")


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json"])
def test_deep_nesting_is_refused(name: str) -> None:
    _refused("[" * 50_000 + "]" * 50_000, name)


def test_deep_cells_mapping_is_refused() -> None:
    nested = "x"
    for _ in range(20):
        nested = {"k": nested}
    _refused(json.dumps({"agency": "某局", "year": 2023, "cells": nested}), "deep.json", "嵌套")


def test_huge_json_integer_is_a_finding_not_a_traceback() -> None:
    data = (
        json.dumps({"agency": "某局", "year": 2023}).rstrip("}")
        + ', "cells": {"review.upheld": 1'
        + "0" * 5000
        + "}}"
    )
    lf = parse_facts(data.encode(), "sum_1e5000.json", json_hint=True)
    (f,) = lf.findings
    assert f.rule == "INVALID_VALUE" and "sum_1e5000.json" in f.message and len(f.message) < 200


def test_exponent_bomb_is_quick() -> None:
    data = '{"agency": "某局", "year": 2023, "cells": {"review.upheld": 1e999999999}}'
    t0 = time.perf_counter()
    lf = parse_facts(data.encode(), "e.json", json_hint=True)
    assert time.perf_counter() - t0 < 1
    assert lf.findings[0].rule == "INVALID_VALUE"


@pytest.mark.parametrize(
    "doc, fragment",
    [
        ({"agency": "某" * 5000, "year": 2023}, "过长"),
        ({"agency": "某局", "year": 10**5000}, "year"),
        ({"agency": "某局", "year": [2023]}, "year"),
        ({"agency": "某局", "year": 2023, "narrative": {"active": {"a": 1}}}, "narrative.active"),
        ({"agency": "某局", "year": 2023, "narrative": {"active": "字" * 60_000}}, "过长"),
        ({"agency": "某局", "year": 2023, "cells": {f"k{i}": 1 for i in range(5000)}}, "cells"),
    ],
    ids=["agency", "year_huge", "year_list", "narrative_map", "narrative_long", "many_cells"],
)
def test_hostile_fields_refused_by_name(doc, fragment) -> None:
    import sys

    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # only to write the test input
    try:
        data = json.dumps(doc, ensure_ascii=False)
    finally:
        sys.set_int_max_str_digits(old)
    _refused(data, "h.json", fragment)


def test_unknown_key_with_huge_value_has_a_short_message(tmp_path) -> None:
    p = tmp_path / "u.yaml"
    p.write_text(HEAD + "cells:\n  nonsense.key: " + "9" * 3000 + "\n", encoding="utf-8")
    lf = load_facts(p)
    (f,) = lf.findings
    assert f.rule == "UNKNOWN_CELL" and len(f.message) < 300
    json.dumps(f.to_json())
