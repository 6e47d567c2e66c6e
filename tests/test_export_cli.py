"""`assistant export`: good input, bad input (appendix or --strict refusal), unusable input."""

from __future__ import annotations

from docx import Document

from assistant.cli import main
from tests.test_export_fixtures import BAD_FACTS, SAMPLE_FACTS


def test_export_sample_to_every_format(tmp_path, capsys):
    for suffix in ("docx", "html", "md", "txt"):
        out = tmp_path / f"r.{suffix}"
        assert main(["export", str(SAMPLE_FACTS), "-o", str(out)]) == 0
        assert out.exists()
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "附：核对意见" not in text
    assert "\t51\n" in text  # the derived total of 一、本年新收 was filled by the engine
    assert "已导出" in capsys.readouterr().out


def test_bad_facts_export_with_an_appendix(tmp_path, capsys):
    out = tmp_path / "bad.docx"
    assert main(["export", str(BAD_FACTS), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "核对发现 4 个错误" in printed and "附录" in printed
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("附：核对意见（定稿发布前请逐条处理并删除本附录）")
    appendix = "\n".join(texts[start:])
    assert "不能为负数" in appendix and "abc" in appendix and "new_recieved" in appendix
    t2 = doc.tables[1]
    assert t2.cell(3, 3).text == "12" and t2.cell(3, 5).text == ""  # １２ accepted, 3.5 refused: empty


def test_bad_facts_without_appendix(tmp_path):
    out = tmp_path / "bad.txt"
    assert main(["export", str(BAD_FACTS), "-o", str(out), "--no-appendix"]) == 1
    assert "核对意见" not in out.read_text(encoding="utf-8")


def test_strict_refuses_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "bad.docx"
    assert main(["export", str(BAD_FACTS), "-o", str(out), "--strict"]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "--strict" in err and "Traceback" not in err


def test_unusable_input_and_unknown_suffix(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("agency: [未闭合\n", encoding="utf-8")
    assert main(["export", str(broken), "-o", str(tmp_path / "x.docx")]) == 2
    assert main(["export", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.docx")]) == 2
    assert main(["export", str(SAMPLE_FACTS), "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "YAML 格式错误" in err and "文件不存在" in err and "不支持导出为“.pdf”" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("x.*"))


def test_unwritable_destination(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", str(SAMPLE_FACTS), "-o", str(blocker / "r.docx")]) == 2
    assert "无法写入" in capsys.readouterr().err


def test_unusable_previous_year_report(tmp_path, capsys):
    out = tmp_path / "r.docx"
    assert main(["export", str(SAMPLE_FACTS), "-o", str(out), "--previous", str(tmp_path / "no.yaml")]) == 2
    assert "上年报告无法使用" in capsys.readouterr().err and not out.exists()
