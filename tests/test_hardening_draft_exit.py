"""Issue 15 item 5: `assistant draft` on a hung endpoint ends at the draft deadline — the process
too, not only its output. The sections' requests still hanging are abandoned, never waited for at exit.

A hang bound, not a speed test: the endpoint hangs for 120 s and the request timeout is 120 s; the
command must be gone well before either.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.mock_openai import MockOpenAI, Reply

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "corpus" / "sources" / "qingwu_hezhuzhen_2024.yaml"
HANG = 120.0
BOUND = 45.0  # far above the 1.5 s deadline plus start-up, far below the 120 s hang


# The CLI as the console script runs it, with the "waiting for …" progress every 0.5 s instead of 10 s.
RUN = (
    "import sys\nimport assistant.drafting.service as service\nservice.WAIT_REPORT_EVERY = 0.5\n"
    "from assistant.cli import main\nsys.exit(main(sys.argv[1:]))\n"
)


def _draft_on_a_hung_endpoint(tmp_path: Path, deadline: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "OPENAI_API_KEY": "sk-local-test",
        "ASSISTANT_DRAFT_DEADLINE": deadline,
        "ASSISTANT_LLM_TIMEOUT": str(HANG),
        "ASSISTANT_LLM_MAX_RETRIES": "0",
        "ASSISTANT_HOME": str(tmp_path),
    }
    argv = [sys.executable, "-c", RUN, "draft", str(FACTS), "--json", "--no-corpus"]
    with MockOpenAI(lambda body: Reply("本年度……", delay=HANG)) as mock:
        env["OPENAI_BASE_URL"] = mock.base_url
        done = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=BOUND)
        assert mock.requests  # the model was really asked
    return done


def test_draft_command_exits_at_the_deadline_on_a_hung_endpoint(tmp_path: Path) -> None:
    done = _draft_on_a_hung_endpoint(tmp_path, "1.5")
    assert done.returncode in (0, 1), done.stderr[-2000:]
    sections = json.loads(done.stdout)["sections"]
    assert sections and all(s["fallback"] and s["backend"] == "offline" for s in sections)
    assert "整篇起草超过 1.5 秒仍未完成" in done.stderr


def test_draft_command_says_what_it_waits_for(tmp_path: Path) -> None:
    """While the model is silent, stderr says which sections are awaited and for how long; stdout
    stays the JSON result alone."""
    done = _draft_on_a_hung_endpoint(tmp_path, "2.5")
    waiting = [ln for ln in done.stderr.splitlines() if "正在等待模型起草" in ln]
    assert waiting, done.stderr[-2000:]
    assert "一、总体情况" in waiting[0] and "已等待" in waiting[0]
    assert json.loads(done.stdout)["sections"]
