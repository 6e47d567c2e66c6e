"""Issue 15 item 1: uploads are parsed under a memory and time budget; PDF streams are capped."""

from __future__ import annotations

import time
import zlib

import pytest

from assistant import audit, sandbox
from assistant.reader import read_report_bytes
from assistant.reader.errors import ReaderError

pytestmark = pytest.mark.skipif(not sandbox.enabled(), reason="needs fork")


def _hog() -> int:
    blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB
    return len(blocks)


def _sleeper() -> None:
    time.sleep(60)


def _raiser() -> None:
    raise audit.InputError("某文件：坏了")


def test_memory_overrun_is_stopped_with_the_file_named() -> None:
    with pytest.raises(sandbox.BudgetError) as e:
        sandbox.run(_hog, name="台账.xlsx", memory_mb=200, seconds=20)
    assert "文件 台账.xlsx 过大或过于复杂，已停止读取" in str(e.value)


def test_wall_deadline_kills_the_worker() -> None:
    t0 = time.monotonic()
    with pytest.raises(sandbox.BudgetError) as e:
        sandbox.run(_sleeper, name="慢.pdf", seconds=1)
    assert time.monotonic() - t0 < 5
    assert "慢.pdf" in str(e.value) and "秒" in str(e.value)


def test_results_and_exceptions_come_back() -> None:
    assert sandbox.run(sum, [1, 2, 3], name="x") == 6
    with pytest.raises(audit.InputError, match="坏了"):
        sandbox.run(_raiser, name="x")


def test_batch_reports_the_overrun_file_and_audits_the_rest(tmp_path, monkeypatch) -> None:
    good = tmp_path / "a_good.yaml"
    good.write_text((__import__("pathlib").Path("examples/sample_report.yaml")).read_text("utf-8"), "utf-8")
    slow = tmp_path / "b_slow.html"
    slow.write_text("<p>x</p>" * 2000, "utf-8")
    real = audit.load_input
    monkeypatch.setattr(audit, "load_input", lambda p: _sleeper() if p.name == "b_slow.html" else real(p))
    monkeypatch.setenv(
        "ASSISTANT_PARSE_SECONDS", "4"
    )  # the good file needs well under 4 s even on a loaded machine
    results = audit.check_paths([tmp_path])
    by = {r.source.rsplit("/", 1)[-1]: r for r in results}
    assert not by["a_good.yaml"].error and by["a_good.yaml"].facts is not None
    assert "b_slow.html 过大或过于复杂，已停止读取" in by["b_slow.html"].error
    assert audit.exit_code(results) == 2


def pdf_bomb(mb: int) -> bytes:
    """A one-page PDF whose content stream is `mb` MB of spaces, deflated (~1 KB per MB)."""
    c = zlib.compressobj(9)
    body = b"".join(c.compress(b" " * (1 << 20)) for _ in range(mb)) + c.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf_stream_inflating_past_the_cap_is_refused() -> None:
    data = pdf_bomb(200)
    assert len(data) < 400 * 1024
    with pytest.raises(ReaderError) as e:
        read_report_bytes(data, "炸弹.pdf")
    assert "炸弹.pdf" in str(e.value) and "解压后超过" in str(e.value)


def test_small_pdf_streams_read_as_before() -> None:
    from assistant.limits import _CappedZlib

    z = _CappedZlib()
    raw = "某县2023年政府信息公开".encode() * 1000
    assert z.decompress(zlib.compress(raw)) == raw
    d = z.decompressobj()
    assert d.decompress(zlib.compress(raw)) == raw
    with pytest.raises(zlib.error):
        z.decompress(zlib.compress(raw)[:-10])
