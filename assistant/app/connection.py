"""The 「测试连接」 button: the same probe as `assistant config --test`, shown line by line."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from assistant.config import Settings

DONE = object()
WAITING = "正在测试模型连接……"


def probe_lines(settings: Settings) -> Iterator[str]:
    """The probe's report as Markdown, growing as each capability answers (runs in a thread so
    that the page sees each line as soon as it is known)."""
    from assistant.llm_probe import probe_endpoint

    lines: queue.Queue = queue.Queue()

    def work() -> None:
        try:
            probe_endpoint(settings, lines.put)
        except Exception as e:  # noqa: BLE001 - the probe reports its own failures; this is a last net
            lines.put(f"连接测试意外中止（{type(e).__name__}）")
        finally:
            lines.put(DONE)

    threading.Thread(target=work, daemon=True, name="llm-probe").start()
    shown: list[str] = []
    yield WAITING
    while (line := lines.get()) is not DONE:
        shown.append(str(line))
        yield markdown(shown, done=False)
    yield markdown(shown, done=True)


def markdown(lines: list[str], done: bool) -> str:
    body = "  \n".join(line.strip() if not line.startswith("  ") else f"　{line.strip()}" for line in lines)
    return body if done else f"{body}  \n{WAITING}"


def build(settings: Settings) -> None:
    """The button and its output, in the current Gradio block."""
    import gradio as gr

    with gr.Accordion("模型连接", open=False):
        button = gr.Button("测试连接", elem_id="test_connection_btn", size="sm")
        result = gr.Markdown("", elem_id="test_connection_result")

    def on_click():
        yield from probe_lines(settings)

    button.click(on_click, [], [result], concurrency_limit=4)
