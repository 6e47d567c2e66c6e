"""Chinese only, whatever the browser's language: Gradio's own texts forced to zh-CN.

Gradio picks its UI language from the browser locale and its zh-CN file lacks many keys (a raw
`common.complete` shows after a run). Three things, passed to `launch` by `launch_options()`:
- `i18n`: our Chinese for Gradio's keys, under every locale Gradio knows (zh-CN's own file, loaded
  later, still wins where it has a key);
- `js`: switches Gradio's locale to zh-CN on load and translates the English accessibility labels,
  titles and placeholders that Gradio writes without i18n (e.g. "Open cell menu");
- the page language (`lang="zh-CN"`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

ZH: dict[str, dict[str, str]] = {
    "common": {
        "complete": "完成", "clear": "清除", "download": "下载", "download_all": "全部下载", "edit": "编辑",
        "empty": "空", "error": "错误", "upload": "上传", "loading": "加载中", "or": "或", "remove": "移除", "submit": "提交",
        "undo": "撤销", "settings": "设置", "share": "分享", "progress": "进度", "language": "语言",
        "display_theme": "显示主题", "no_devices": "未找到设备", "run": "运行", "runs": "运行记录",
        "built_with": "基于", "built_with_gradio": "基于 Gradio 构建", "hosted_on": "托管于", "logo": "标志",
        "back_to_app": "返回", "back_to_app_description": "返回应用",
    },
    "dataframe": {
        "new_column": "添加列", "new_row": "添加行", "add_row_above": "在上方添加行",
        "add_row_below": "在下方添加行", "delete_row": "删除行", "delete_column": "删除列",
        "add_column_left": "在左侧添加列", "add_column_right": "在右侧添加列", "sort_column": "排序",
        "sort_ascending": "升序", "sort_descending": "降序", "clear_sort": "取消排序", "filter": "筛选",
        "clear_filter": "清除筛选", "incorrect_format": "格式不正确，只支持 CSV 和 TSV 文件",
        "drop_to_upload": "本表不接受拖入文件，请在单元格中填写",
        "import_empty_file": "文件为空", "import_no_column_names": "文件没有列名",
        "import_ragged_row": "文件第 {line} 行有 {fields} 列，表头有 {columns} 列",
        "import_static_columns": "本表有只读列，不能导入",
        "import_fixed_columns": "本表固定为 {expected} 列，文件有 {actual} 列",
        "import_fixed_rows": "本表固定为 {expected} 行，文件有 {actual} 行",
    },
    "upload_text": {
        "click_to_upload": "点击上传", "drop_file": "将文件拖到此处", "drop_csv": "将 CSV 文件拖到此处",
        "drop_image": "将图片拖到此处", "drop_audio": "将音频拖到此处", "drop_video": "将视频拖到此处",
        "drop_gallery": "将文件拖到此处", "paste_clipboard": "从剪贴板粘贴",
    },
    "file": {"uploading": "正在上传…"},
    "chatbot": {
        "edit": "编辑", "retry": "重试", "undo": "撤销", "submit": "提交", "cancel": "取消", "like": "赞",
        "dislike": "踩", "clear": "清除", "complete": "完成", "copy_message": "复制消息",
        "copied_message": "已复制",
    },
    "chat_interface": {"message_placeholder": "请输入…", "chatbot": "对话", "conversation": "对话"},
    "blocks": {
        "connection_can_break": "在手机上，切换标签页或锁屏可能使连接中断",
        "long_requests_queue": "排队的请求较多，请稍候",
        "lost_connection": "连接已断开，正在重新连接…",
        "waiting_for_inputs": "文件仍在上传，请稍后再试",
    },
    "login": {"username": "用户名", "password": "密码", "login": "登录", "incorrect_credentials": "用户名或密码不正确"},
    "status": {"queue_position": "排队中：第 {position} 位，共 {size} 位"},
    "errors": {"use_via_api": "通过接口使用", "use_via_api_or_mcp": "通过接口使用"},
    "checkbox": {"checkbox": "复选框", "checkbox_group": "复选框组"},
    "dropdown": {"dropdown": "下拉框"},
    "number": {"number": "数字"},
}  # fmt: skip

# English texts Gradio writes without i18n (aria-label, title, placeholder) → Chinese.
LABELS: dict[str, str] = {
    "Open cell menu": "打开单元格菜单", "Table actions": "表格操作", "Static column": "只读列",
    "Add row": "添加行", "Filtered": "已筛选", "Delete row": "删除行", "Delete column": "删除列",
    "Add row above": "在上方添加行", "Add row below": "在下方添加行",
    "Add column to the left": "在左侧添加列", "Add column to the right": "在右侧添加列",
    "Apply filter and update dataframe values": "应用筛选", "Type a value": "输入值",
    "Copy table": "复制表格", "Copy table data": "复制表格数据", "Copy": "复制", "Copied": "已复制", "Fullscreen": "全屏",
    "Exit fullscreen mode": "退出全屏", "Enter fullscreen mode": "全屏", "Search...": "搜索…",
    "Clear": "清除", "Remove": "移除", "Download": "下载", "Upload": "上传", "Close": "关闭",
    "Share": "分享", "Edit": "编辑", "Retry": "重试", "Undo": "撤销", "Like": "赞", "Dislike": "踩",
    "Copy message": "复制消息", "Copy conversation": "复制对话", "Clear chat": "清空对话",
    "Chatbot conversation": "对话", "chatbot conversation": "对话",
    "Click to upload or drop files": "点击上传或拖入文件", "Empty value": "空值", "Remove this file": "移除此文件",
    "Dataframe": "数据表", "Scroll down": "向下滚动", "Scroll to top": "回到顶部",
    "Loading...": "加载中…", "loading": "加载中", "Error": "错误", "Dropdown": "下拉框",
    "Toggle dropdown": "展开或收起", "Remove file": "移除文件", "Uploaded files": "已上传的文件",
    "Submit": "提交", "Stop": "停止", "Show password": "显示密码", "Hide password": "隐藏密码",
    "Select all": "全选", "Clear selection": "清除选择", "Increase": "增加", "Decrease": "减少",
}  # fmt: skip

JS_TEMPLATE = r"""
() => {
  document.documentElement.setAttribute("lang", "zh-CN");
  const core = %(core)s;
  if (core) {
    import(new URL(core, document.baseURI).href)
      .then((m) => { if (m.changeLocale) m.changeLocale("zh-CN"); })
      .catch(() => {});
  }
  const labels = %(labels)s;
  const attrs = ["aria-label", "title", "placeholder"];
  const prefixes = [["bot's message: ", "助手消息："], ["user's message: ", "用户消息："]];
  const zh = (v) => {
    if (v in labels) return labels[v];
    for (const [en, cn] of prefixes) { if (v && v.startsWith(en)) return cn + v.slice(en.length); }
    return null;
  };
  const setZh = (el, a) => { const t = zh(el.getAttribute(a)); if (t !== null) el.setAttribute(a, t); };
  const fix = (root) => {
    for (const a of attrs) {
      root.querySelectorAll("[" + a + "]").forEach((el) => setZh(el, a));
    }
  };
  // progress texts Gradio writes without i18n: "processing | 0.9s", "queue: 2/3 |", "Uploading 6 files..."
  const words = [[/^processing \|/, "处理中 |"], [/^queue: /, "排队："], [/^Uploading\s*/, "正在上传 "],
                 [/^files?\.\.\.$/, "个文件…"], [/\s+files?\.\.\.$/, " 个文件…"]];
  const fixText = (t) => {
    const v = t.nodeValue.trimStart();
    for (const [re, zh] of words) { if (re.test(v)) { t.nodeValue = v.replace(re, zh); } }
  };
  const fixTexts = (root) => {
    if (root.nodeType === 3) { fixText(root); return; }
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) { fixText(walk.currentNode); }
  };
  fix(document);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") {
        setZh(r.target, r.attributeName);
      } else if (r.type === "characterData") {
        fixText(r.target);
      } else {
        r.addedNodes.forEach((n) => { if (n.nodeType === 1) { fix(n); fixTexts(n); } else if (n.nodeType === 3) { fixText(n); } });
      }
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attrs });
%(grid_ops)s
}
"""


@cache
def core_module() -> str:
    """Gradio's front-end module that exports `changeLocale` (its name carries a build hash)."""
    import gradio

    assets = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"
    for path in sorted(assets.glob("core-*.js")):
        if "changeLocale" in path.read_text(encoding="utf-8", errors="ignore")[-4000:]:
            return f"assets/{path.name}"
    return ""


# The locales Gradio 6.31 ships translations for (its language menu), and en (built in).
GRADIO_LOCALES = (
    "ar ca ckb de en es et eu fa fi fr he hi id ja ko lt nb nl pl pt-BR pt ro ru sv ta th tr uk ur uz "
    "zh-CN zh-TW zh"
).split()


def js() -> str:
    from assistant.app.grid_ops import JS as grid_ops

    labels = json.dumps(LABELS, ensure_ascii=False)
    return JS_TEMPLATE % {"core": json.dumps(core_module()), "labels": labels, "grid_ops": grid_ops}


def launch_options() -> dict[str, Any]:
    """Keyword arguments for `Blocks.launch` that make Gradio's own texts Chinese."""
    import gradio as gr

    return {"i18n": gr.I18n(**{loc: ZH for loc in GRADIO_LOCALES}), "js": js()}
