"""Issue 15 items 6-7: colloquial numerals, malformed numerals, absurd values refused by name."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from assistant.core import spec
from assistant.core.facts import parse_cell_value
from assistant.core.numbers import extract_numbers, format_number, parse_chinese_int, parse_decimal

COUNT = spec.spec_for("2021").cell("applications.new_received.total")
AMOUNT = next(c for c in spec.spec_for("2021").cells if c.type != spec.INT and not c.signed)


@pytest.mark.parametrize(
    "text, value",
    [
        ("一千二", 1200),
        ("两百五", 250),
        ("三万五", 35000),
        ("一万二千五", 12500),
        ("一亿二", 120_000_000),
        ("一百一", 110),
        ("十五", 15),
        ("二十五", 25),
        ("一千零二", 1002),
        ("一百零五", 105),
        ("三万五千", 35000),
        ("两万五千三", 25300),
        ("一千零二十", 1020),
        ("十万", 100_000),
        ("二十三万四千", 234_000),
        ("三亿五千万", 350_000_000),
        ("二〇二三", 2023),
        ("十二", 12),
        ("一", 1),
    ],
)
def test_spoken_numerals(text: str, value: int) -> None:
    assert parse_chinese_int(text) == value


@pytest.mark.parametrize(
    "text", ["十十", "百千", "一百一千", "三万两万", "一万亿亿", "十" * 100_000, "一" * 40, "五十十"]
)
def test_malformed_numerals_refused(text: str) -> None:
    t0 = time.perf_counter()
    assert parse_chinese_int(text) is None
    assert time.perf_counter() - t0 < 1


def test_prose_spoken_numerals() -> None:
    found = [(m.value, m.unit) for m in extract_numbers("今年受理一千二件，办结两百五件，收费三万五元")]
    assert found == [(Decimal(1200), "件"), (Decimal(250), "件"), (Decimal(35000), "元")]
    assert extract_numbers("共" + "十" * 100_000 + "件") == []


def _refused(raw, cell=COUNT) -> str:
    value, _note, err = parse_cell_value(cell.key, raw, cell)
    assert value is None and err is not None, (raw, value)
    assert cell.label in err.message
    return err.message


@pytest.mark.parametrize(
    "raw",
    [10**30, "1" + "0" * 26, Decimal("1e309"), Decimal("1E+999999999"), 1e300,
     "9999亿", Decimal("NaN"), Decimal("Infinity"), "1" * 5000, 10**5000, "1000000001"],
    ids=lambda raw: type(raw).__name__,
)  # fmt: skip
def test_absurd_counts_refused(raw) -> None:
    t0 = time.perf_counter()
    _refused(raw)
    assert time.perf_counter() - t0 < 1


def test_negative_count_is_kept_for_the_engine_to_flag() -> None:
    from assistant.core import engine
    from assistant.core.facts import ReportFacts

    value = parse_cell_value(COUNT.key, "-5件", COUNT)[0]
    assert value == -5  # not 5: the engine's NONNEG names it
    result = engine.check(ReportFacts("某县人民政府", 2023, "2021", {COUNT.key: value}))
    assert any(f.rule == "NONNEG" and COUNT.key in f.cells for f in result.findings)


def test_count_cap_is_the_boundary() -> None:
    assert parse_cell_value(COUNT.key, 10**9, COUNT)[0] == 10**9
    assert parse_cell_value(COUNT.key, "1000000000", COUNT)[0] == 10**9
    assert parse_cell_value(COUNT.key, 12, COUNT, max_count=10)[2] is not None


@pytest.mark.parametrize(
    "raw",
    [Decimal("1E-999999999"), "0.0000001", Decimal("1e309"), "1" * 30, 1e300],
    ids=lambda raw: type(raw).__name__,
)
def test_absurd_amounts_refused(raw) -> None:
    t0 = time.perf_counter()
    _refused(raw, AMOUNT)
    assert time.perf_counter() - t0 < 1


def test_plain_amounts_kept() -> None:
    assert parse_cell_value(AMOUNT.key, "3.5", AMOUNT)[0] == Decimal("3.5")
    assert parse_cell_value(AMOUNT.key, "0.123456", AMOUNT)[0] == Decimal("0.123456")


def test_format_and_parse_never_raise_on_huge() -> None:
    assert parse_decimal("1" * 5000) is None
    assert format_number(Decimal("1E+5000"))  # a string, no ValueError (4300 digits)
    assert format_number(10**5000)


def test_minus_sign_in_prose_is_kept() -> None:
    (m,) = extract_numbers("本年新收申请-5件")
    assert m.value == -5 and m.raw == "-5件"
    assert [x.value for x in extract_numbers("办理3-5件")] == [Decimal(3), Decimal(5)]


def test_a_long_run_of_numeral_characters_is_read_in_linear_time() -> None:
    """A 30,000-character run of 十 in a facts file's narrative made `assistant draft` hang (> 120 s):
    the numeral pattern backtracked over the whole run from every position (O(n²))."""
    for n in (2_000, 30_000):
        t0 = time.process_time()
        assert extract_numbers("十" * n + "。") == []  # no measure word after the run: the slow case
        assert time.process_time() - t0 < 1.0, n
    text = "共受理一千二百件，" + "十" * 5000 + "，办结九千九百九十九件"  # numbers beside a run still found
    assert [m.value for m in extract_numbers(text)] == [Decimal(1200), Decimal(9999)]


@pytest.mark.slow
def test_draft_with_a_long_numeral_run_in_the_narrative_finishes(tmp_path) -> None:
    import subprocess
    import sys

    facts = tmp_path / "facts.yaml"
    facts.write_text(f'agency: 某县统计局\nyear: 2023\nnarrative:\n  active: "{"十" * 30_000}"\n', "utf-8")
    t0 = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "draft", "--backend", "offline", "--no-corpus",
         "-o", str(tmp_path / "d.md"), str(facts)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr[-500:]
    assert time.perf_counter() - t0 < 60
