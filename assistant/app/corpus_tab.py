"""The 语料库 tab: add past reports, search exemplars."""

from __future__ import annotations

import gradio as gr

from assistant.app import corpus
from assistant.app.context import AppContext
from assistant.app.tab import Tab


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    with gr.Tab("语料库", id="corpus"):
        gr.Markdown("往年报告（本机关或同类机关）是起草时的文风参考：只借鉴写法，数字一律来自本年度数据。")
        files = gr.File(label="加入语料库的往年报告（可多选）", file_count="multiple", type="filepath")
        add = gr.Button("加入语料库", elem_id="corpus_add")
        add_msg = gr.Markdown("")
        with gr.Row():
            query = gr.Textbox(
                label="检索", placeholder="如：网站改版 栏目迁移", scale=3, elem_id="corpus_query"
            )
            section = gr.Dropdown(label="章节", choices=corpus.SECTION_CHOICES, value="")
            k = gr.Number(label="条数", value=5, precision=0, minimum=1, maximum=20)
        go = gr.Button("检索", variant="primary", elem_id="corpus_search")
        note = gr.Markdown("")
        results = gr.Dataframe(
            headers=corpus.RESULT_COLUMNS, interactive=False, wrap=True, elem_id="corpus_results"
        )

    add.click(lambda paths: corpus.add(list(paths or []), ctx.settings), [files], [add_msg])
    search = lambda q, s, n: corpus.search(q, s, n, ctx.settings)  # noqa: E731
    go.click(search, [query, section, k], [results, note])
    query.submit(search, [query, section, k], [results, note])
    return Tab()
