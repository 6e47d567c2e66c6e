"""App handlers without a server: chat intake, confirmation, ledger, drafting, editing, export, audit."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.app import chat, chat_uploads, draft, files, tables
from assistant.config import load_settings
from assistant.core import spec
from assistant.facts_io import load_facts
from assistant.reader import read_report
from assistant.store import Store
from assistant.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "corpus" / "sources"
OFFLINE = load_settings(env={})


def test_chat_proposes_then_stores_only_after_confirmation(ws):
    rid = ws.start("青梧县测试局", 2024, "县级部门")
    first = chat.greet(ws, rid)
    assert "收到多少件" in first.history[-1]["content"]
    v = chat.turn(ws, rid, "今年共收到申请12件，其中自然人10件、企业2件")
    assert "请确认" in v.history[-1]["content"] and len(v.pending) >= 3
    assert "applications.new_received.natural_person" not in ws.facts(rid).cells  # nothing stored yet
    v = chat.turn(ws, rid, "确认")
    cells = ws.facts(rid).cells
    assert cells["applications.new_received.natural_person"] == 10
    assert cells["applications.new_received.commercial_enterprise"] == 2
    assert "已保存" in v.history[-1]["content"] and v.pending.empty
    assert "上年结转" in v.history[-1]["content"]  # the next topic is asked


def test_chat_cancel_stores_nothing_and_conflicts_are_asked(ws):
    rid = ws.start("青梧县测试局", 2024)
    chat.turn(ws, rid, "今年共收到申请3件，都是自然人")
    chat.turn(ws, rid, "取消")
    assert ws.facts(rid).cells == {}
    chat.turn(ws, rid, "今年共收到申请3件，都是自然人")
    chat.turn(ws, rid, "确认")
    v = chat.turn(ws, rid, "今年共收到申请5件，都是自然人")
    shown = v.history[-1]["content"]  # never silent: the replacement is listed old → new before it counts
    assert "3 → 5" in shown and "确认后生效" in shown
    assert ws.facts(rid).cells["applications.new_received.natural_person"] == 3
    chat.turn(ws, rid, "确认")  # 确认 applies what the reply listed
    assert ws.facts(rid).cells["applications.new_received.natural_person"] == 5
    chat.turn(ws, rid, "今年共收到申请7件，都是自然人")
    chat.turn(ws, rid, "取消")  # 取消 keeps the stored value
    assert ws.facts(rid).cells["applications.new_received.natural_person"] == 5
    assert v.history  # the whole conversation is kept


def test_chat_text_without_numbers_gets_help(ws):
    rid = ws.start("青梧县测试局", 2024)
    v = chat.turn(ws, rid, "你好")
    assert "没有识别出" in v.history[-1]["content"]


def test_ledger_upload_shows_rows_and_needs_confirmation(ws, tmp_path):
    rid = ws.start("青梧县测试局", 2024)
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        "收到日期,申请人类型,办理结果,办结日期\n2024-03-01,自然人,予以公开,2024-03-15\n"
        "2024-12-20,商业企业,,\n2023-12-28,自然人,部分公开,2024-01-10\n",
        encoding="utf-8",
    )
    v = chat_uploads.ledger(ws, rid, ledger)
    assert "共读取 3 件" in v.history[-1]["content"]
    assert any("台账第" in s for s in v.pending["来源"])
    assert ws.facts(rid).cells == {}
    chat.turn(ws, rid, "确认")
    cells = ws.facts(rid).cells
    assert cells["applications.new_received.natural_person"] == 1
    assert cells["applications.carried_to_next.commercial_enterprise"] == 1
    assert cells["applications.carried_over_from_prev.natural_person"] == 1


def test_bad_ledger_stores_nothing(ws, tmp_path):
    rid = ws.start("青梧县测试局", 2024)
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    v = chat_uploads.ledger(ws, rid, bad)
    assert "bad.csv" in v.history[-1]["content"] and v.pending.empty
    assert ws.facts(rid).cells == {}


def _corpus_report(ws) -> int:
    rid = ws.start(
        "青梧县人民政府办公室", 2024, "县级政府办公室", SOURCES / "qingwu_xianzhengfuban_2023.yaml"
    )
    lf = load_facts(SOURCES / "qingwu_xianzhengfuban_2024.yaml")
    ws.set_cells(rid, dict(lf.facts.cells))
    for k, text in lf.facts.narrative.items():
        ws.set_narrative(rid, k, text)
    return rid


def test_generate_edit_lock_regenerate_restore(ws):
    rid = _corpus_report(ws)
    views = list(draft.generate(ws, rid, OFFLINE, retriever=None))
    final = views[-1]
    assert all(final.texts[k] for k in draft.SECTION_KEYS)
    assert "部分历史信息迁移后出现链接失效" in final.texts["s5_problems"]  # last year's problem followed up
    assert not any("✗" in final.findings[k] for k in draft.SECTION_KEYS)
    v = draft.edit(ws, rid, "s6_other", "本机关2024年度未收取信息处理费。全年共办理申请99件。")
    assert "99件" in v.findings["s6_other"] and "✗" in v.findings["s6_other"]
    draft.set_lock(ws, rid, "s6_other", True)
    again = list(draft.generate(ws, rid, OFFLINE, retriever=None))[-1]
    assert again.texts["s6_other"].endswith("99件。")  # locked: untouched
    assert "已锁定" in draft.regenerate(ws, rid, "s6_other", "更简洁", OFFLINE).notes
    draft.set_lock(ws, rid, "s6_other", False)
    draft.regenerate(ws, rid, "s6_other", "突出办理申请", OFFLINE)  # a declared instruction: the text changes
    choices = draft.history_choices(ws, rid, "s6_other")
    assert len(choices) >= 3
    oldest, edited = choices[-1][1], choices[-2][1]
    diff = draft.version_diff(ws, rid, "s6_other", edited)
    assert "<del" in diff and "<ins" in diff and "+++" not in diff  # inline highlighted, not unified
    shown_first = draft.default_version(ws, rid, "s6_other")  # not the newest (= current, an empty diff)
    assert shown_first == choices[1][1] and "<ins" in draft.version_diff(ws, rid, "s6_other", shown_first)
    ws.restore(rid, oldest)
    assert ws.sections(rid)["s6_other"].text == final.texts["s6_other"]
    restored = draft.restore(ws, rid, edited)  # the edited text with 99件 comes back: flagged again
    assert "99件" in restored.findings["s6_other"] and "重新核对" in restored.notes


def test_generation_failure_leaves_text_untouched(ws, monkeypatch):
    rid = _corpus_report(ws)
    ws.save_section(rid, "s5_problems", "人工写好的问题与改进。")

    def boom(*a, **k):
        raise RuntimeError("endpoint down")
        yield  # pragma: no cover

    monkeypatch.setattr(draft, "stream_draft", boom)
    last = list(draft.generate(ws, rid, OFFLINE, retriever=None))[-1]
    assert "起草中断" in last.notes
    assert ws.sections(rid)["s5_problems"].text == "人工写好的问题与改进。"


def test_final_copy_has_no_shading_and_review_copy_has(ws, tmp_path):
    from docx import Document

    rid = ws.start("青梧县测试局", 2024)
    cells = {f"applications.new_received.{c}": 0 for c in spec.T2_COLUMN_KEYS}
    ws.set_cells(
        rid, cells | {"applications.new_received.natural_person": 2, "applications.new_received.total": 5}
    )
    final, msg = files.export(ws, rid, ".docx", tmp_path)
    assert "定稿" in msg and "审阅稿" in msg  # the remaining errors are said, not printed
    review, rmsg = files.export(ws, rid, ".docx", tmp_path, review=True)
    assert "附：核对意见" in rmsg
    assert "s1_overview" not in msg and "一、总体情况" in msg

    def shaded(path: str) -> int:
        return Document(path).element.xml.count("w:shd ")

    assert shaded(final) == 0 and shaded(review) > 0
    assert "核对意见" not in "".join(p.text for p in Document(final).paragraphs)


def test_export_docx_round_trips(ws, tmp_path):
    rid = _corpus_report(ws)
    list(draft.generate(ws, rid, OFFLINE, retriever=None))
    path, msg = files.export(ws, rid, ".docx", tmp_path)
    assert path.endswith(".docx") and "已导出" in msg
    back = read_report(path)
    assert (
        back.cells["applications.new_received.total"]
        == ws.check(rid).facts.cells["applications.new_received.total"]
    )
    assert back.section("s6_other") == ws.sections(rid)["s6_other"].text


def test_audit_many_files_and_csv(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    paths = [str(SOURCES / "qingwu_hezhuzhen_2024.yaml"), str(ROOT / "corpus" / "seed" / "000_cb9333bd62be4405.txt"),
             str(bad)]  # fmt: skip
    found, summary, csv_path, msg = files.audit(paths, None, tmp_path / "out")
    assert "共审核 3 份" in msg and "1 份无法读取" in msg
    assert "表式" in set(found["类别"]) and "无法读取" in set(found["类别"])  # LABEL_DEVIATION, UNREADABLE
    text = Path(csv_path).read_text(encoding="utf-8-sig")
    assert text.startswith("文件,机关,年度,级别,状态,类别")
    assert not re.search(r"[A-Z]{2,}_[A-Z]", text + found.to_string())  # no rule ids shown to users


def test_tables_edit_refuses_bad_value_and_keeps_the_rest(ws):
    rid = ws.start("青梧县测试局", 2024)
    v = tables.view(ws, rid)
    frame = v.frames[3].data.copy()
    frame.iat[0, 1] = "2"
    frame.iat[0, 2] = "好几个"
    v, errors = tables.edit(ws, rid, 3, frame)
    assert errors and "结果纠正" in errors[0]
    assert ws.facts(rid).cells == {"review.upheld": 2}


def test_corpus_tab_adds_and_searches(tmp_path):
    from assistant.app import corpus

    settings = load_settings(env={"ASSISTANT_HOME": str(tmp_path)}, dotenv=False)
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"junk")
    msg = corpus.add(
        [str(ROOT / "corpus" / "reports" / "qingwu_xianzhengfuban_2023.html"), str(bad)], settings
    )
    assert "新增或更新 1 份报告" in msg and "已跳过 x.docx" in msg
    found, note = corpus.search("门户网站改版 迁移历史信息", "s1_overview", 3, settings)
    assert found.iloc[0]["机关"] == "青梧县人民政府办公室" and "找到" in note
    empty, note = corpus.search("", "", 3, settings)
    assert empty.empty and "请输入" in note


def test_first_run_ingests_the_sample_corpus_once(tmp_path):
    from assistant.corpus.ingest import ensure_sample_corpus

    settings = load_settings(env={"ASSISTANT_HOME": str(tmp_path)}, dotenv=False)
    assert "已导入示例语料：16 份报告" in ensure_sample_corpus(settings)
    assert ensure_sample_corpus(settings) == ""


def test_the_tab_is_remembered_across_restarts(tmp_path):
    from assistant.app import session
    from assistant.app.context import AppContext

    store = Store(tmp_path / "db.sqlite3")
    ctx = AppContext(store, OFFLINE, auth=False)
    rid = ctx.workspace(None).start("甲局", 2024)
    assert session.last_tab(ctx, None, rid) == "chat"
    session.remember_tab(ctx, None, rid, "起草与修改")
    store.close()
    ctx2 = AppContext(Store(tmp_path / "db.sqlite3"), OFFLINE, auth=False)
    assert session.last_tab(ctx2, None, ctx2.workspace(None).resume()) == "draft"


def test_plausibility_question_follows_a_confirmed_correction(ws):
    rid = ws.start("青梧县测试局", 2024)
    chat.turn(ws, rid, "行政复议2件，其中结果维持1件，结果纠正1件")
    reply = chat.turn(ws, rid, "确认").history[-1]["content"]
    assert "请核实" in reply and "纠正" in reply.split("请核实")[1]
    again = chat.turn(ws, rid, "行政诉讼没有")
    assert "请核实" not in chat.turn(ws, rid, "确认").history[-1]["content"]  # asked once
    assert again.history


def test_narrative_is_saved_at_once_and_said_where(ws):
    rid = ws.start("青梧县测试局", 2024)
    v = chat.turn(ws, rid, "主动公开方面，全年通过门户网站发布信息498条")
    assert "已记入【" in v.history[-1]["content"] and "取消" in v.history[-1]["content"]
    chat.turn(ws, rid, "今年没有收取信息处理费。")
    assert not (ws.row(rid).state.get("pending") or {})  # nothing waits for 确认
    narrative = ws.facts(rid).narrative
    assert "498条" in narrative.get("active", "") and "信息处理费" in narrative.get("other", "")


def test_cancel_says_what_it_dropped_and_nothing_pending_is_said(ws, tmp_path):
    rid = ws.start("青梧县测试局", 2024)
    assert "没有待确认" in chat.turn(ws, rid, "放弃").history[-1]["content"]
    chat.turn(ws, rid, "今年共收到申请3件，都是自然人")
    reply = chat.turn(ws, rid, "取消").history[-1]["content"]
    assert "已放弃待确认的" in reply and "此前已保存的数据不受影响" in reply


def test_ledger_replaces_stale_totals_only_after_asking(ws, tmp_path):
    rid = ws.start("青梧县测试局", 2024)
    chat.turn(ws, rid, "今年共收到申请5件")
    chat.turn(ws, rid, "确认")
    ledger = tmp_path / "台账.csv"
    ledger.write_text(
        "收到日期,申请人类型,办理结果,办结日期\n2024-03-01,自然人,予以公开,2024-03-15\n", encoding="utf-8"
    )
    shown = chat_uploads.ledger(ws, rid, ledger).history[-1]["content"]
    assert "总计：5 → 1" in shown and "整体替换" in shown  # compared as a whole table, at upload
    assert ws.facts(rid).cells["applications.new_received.total"] == 5
    chat.turn(ws, rid, "确认")  # applies the ledger's whole table (issue 11: all or nothing)
    assert ws.facts(rid).cells["applications.new_received.total"] == 1
    assert not ws.check(rid).errors


def test_hand_edit_locks_the_section_and_generate_keeps_it(ws):
    rid = _corpus_report(ws)
    list(draft.generate(ws, rid, OFFLINE, retriever=None))
    unchanged = draft.edit(ws, rid, "s6_other", ws.sections(rid)["s6_other"].text)
    assert not unchanged.locked["s6_other"]  # losing focus without a change locks nothing
    v = draft.edit(ws, rid, "s6_other", "本机关2024年度未收取政府信息公开信息处理费。")
    assert v.locked["s6_other"] and "自动锁定" in v.notes
    again = list(draft.generate(ws, rid, OFFLINE, retriever=None))[-1]
    assert again.texts["s6_other"] == "本机关2024年度未收取政府信息公开信息处理费。"


def test_refused_grid_value_keeps_the_stored_one(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {"review.total": 2})
    frame = tables.view(ws, rid).frames[3].data.copy()
    frame.iat[0, 5] = "abc"
    _, errors = tables.edit(ws, rid, 3, frame)
    assert errors and ws.facts(rid).cells["review.total"] == 2


def test_previous_report_uploaded_in_the_chat(ws):
    rid = ws.start("青梧县人民政府办公室", 2024)
    v = chat_uploads.previous(ws, rid, SOURCES / "qingwu_xianzhengfuban_2023.yaml")
    assert "已读取上年年报" in v.history[-1]["content"] and ws.previous(rid).year == 2023
    v = chat_uploads.previous(ws, rid, SOURCES / "qingwu_hezhuzhen_2023.yaml")
    assert "不一致" in v.history[-1]["content"] and "/" not in v.history[-1]["content"].split("⚠")[1][:5]


def test_saving_only_a_note_does_not_say_zero_cells(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    ws = Workspace(store, store.user_id("u", create=True))
    rid = ws.start("青梧县测试局", 2024)
    said = chat.turn(ws, rid, "平台建设方面，今年县政府网站专栏改版了一次，新增了政策解读栏目。").history[-1][
        "content"
    ]
    assert said.startswith("已记入【政府信息公开平台建设】") and "0 个单元格" not in said
    store.close()


def test_cancel_right_after_saved_narrative_removes_exactly_it(ws):
    rid = ws.start("青梧县测试局", 2024)
    chat.turn(ws, rid, "平台建设方面，今年门户网站改版了一次。")
    chat.turn(ws, rid, "主动公开方面，微信公众号推送信息两百余条。")
    reply = chat.turn(ws, rid, "取消").history[-1]["content"]
    assert "已撤回" in reply and "【主动公开】" in reply
    narrative = ws.facts(rid).narrative
    assert "改版" in narrative.get("platform", "") and "公众号" not in narrative.get("active", "")


def test_audit_with_nothing_found_says_so(tmp_path):
    """Seen at 1366: a clean published report left an empty 发现的问题 table and 「0 份有错误」 only."""
    clean = ROOT / "corpus" / "reports" / "qingwu_xianzhengfuban_2024.docx"
    found, _, _, msg = files.audit([str(clean)], None, tmp_path / "out")
    assert len(found) == 0 and msg.endswith("各份均未发现问题。")
    empty = tmp_path / "空文件.pdf"
    empty.write_bytes(b"")
    found, _, _, msg = files.audit([str(clean), str(empty)], None, tmp_path / "out")
    assert len(found) == 1 and "未发现问题" not in msg
