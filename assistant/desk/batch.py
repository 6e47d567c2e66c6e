"""A batch audit: folders and zips of reports, audited in parallel, duplicates said back.

`run_batch` is what `assistant check --jobs N` and the review tab call. Each file is audited by
`assistant.audit.check_paths` (so per-file guards there apply here too) in a process pool; a broken
worker turns its files into unreadable results, never a lost batch. Zips are unpacked under the
data directory (`unpack`); over `MAX_BATCH_FILES` files, the rest is listed as not audited.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from assistant.audit import AuditResult, InputError, _unreadable, check_paths, expand_paths, load_input
from assistant.desk.fingerprint import figures_hash, normal_agency

MAX_BATCH_FILES = 5_000
POOL_MIN_FILES = 4  # below this a pool costs more than it saves
Progress = Callable[[int, int, str], None]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def gather(paths: Iterable[str | Path], work_dir: Path) -> tuple[list[Path], list[AuditResult]]:
    """Files to audit (zips unpacked under `work_dir`) and a result per refused input."""
    files: list[Path] = []
    refused: list[AuditResult] = []
    for p in map(Path, paths):
        if p.is_file() and p.suffix.lower() == ".zip":
            from assistant.desk.unpack import unpack_zip

            un = unpack_zip(p, work_dir)
            refused += [_unreadable(f"{p.name}", note) for note in un.notes]
            if un.folder is not None:
                files += list(expand_paths([un.folder]))
        else:
            files += list(expand_paths([p]))
    if len(files) > MAX_BATCH_FILES:
        rest = files[MAX_BATCH_FILES:]
        msg = (f"文件过多：共 {len(files)} 个，本批只核对前 {MAX_BATCH_FILES} 个；"
               f"其余 {len(rest)} 个（自 {rest[0].name} 起）未核对，请分批提交")  # fmt: skip
        refused.append(_unreadable(str(rest[0].parent), msg))
        files = files[:MAX_BATCH_FILES]
    return files, refused


def run_batch(
    paths: Iterable[str | Path],
    previous: str | Path | None = None,
    jobs: int | None = None,
    on_progress: Progress | None = None,
    work_dir: Path | None = None,
    start_method: str | None = None,
) -> list[AuditResult]:
    """Audit everything under `paths`, in input order, with `jobs` processes (default: core count).

    `start_method` "spawn" suits a threaded caller (the app server); the default (fork) is faster.
    """
    files, refused = gather(paths, work_dir or Path("data") / "desk" / "uploads")
    head: list[AuditResult] = []
    if previous is not None:
        try:
            load_input(Path(previous))
        except InputError as e:
            head.append(_unreadable(str(previous), f"上年报告无法使用：{e}"))
            previous = None
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(files) < POOL_MIN_FILES:
        results = check_paths(files, previous, on_progress) if files else []
    else:
        results = _pooled(files, previous, jobs, on_progress, start_method)
    return head + mark_duplicates(results) + refused


def _audit_chunk(files: Sequence[str], previous: str | None) -> list[AuditResult]:
    return check_paths(files, previous)


def _pooled(
    files: list[Path], previous: str | Path | None, jobs: int, on_progress: Progress | None, start: str | None
) -> list[AuditResult]:
    import multiprocessing  # the pool's modules only when a pool is used: one file starts faster
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(16, len(files) // (jobs * 4)))
    chunks = [[str(f) for f in files[i : i + size]] for i in range(0, len(files), size)]
    out: dict[int, list[AuditResult]] = {}
    done = 0
    prev = str(previous) if previous is not None else None
    ctx = multiprocessing.get_context(start) if start else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {pool.submit(_audit_chunk, c, prev): i for i, c in enumerate(chunks)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                out[i] = fut.result()
            except (BrokenProcessPool, OSError, MemoryError) as e:
                out[i] = [
                    _unreadable(s, f"{s}：核对进程异常退出（{type(e).__name__}），已跳过") for s in chunks[i]
                ]
            done += len(chunks[i])
            if on_progress:
                on_progress(done, len(files), chunks[i][-1])
    if on_progress:
        on_progress(len(files), len(files), "")
    return [r for i in range(len(chunks)) for r in out[i]]


def mark_duplicates(results: list[AuditResult]) -> list[AuditResult]:
    """Reports of the same body and year are all audited, each with a note naming the others."""
    groups: dict[tuple[str, int], list[int]] = {}
    for i, r in enumerate(results):
        if r.facts is not None and r.facts.year:
            groups.setdefault((normal_agency(r.facts.agency), r.facts.year), []).append(i)
    out = list(results)
    for (agency, year), idx in groups.items():
        if len(idx) < 2:
            continue
        hashes = {figures_hash(results[i].facts.cells) for i in idx}  # type: ignore[union-attr]
        same = "表格数据相同" if len(hashes) == 1 else "表格数据不同，请确认以哪份为准"
        for i in idx:
            others = "、".join(Path(results[j].source).name for j in idx if j != i)
            note = f"重复：{agency} {year}年度另有 {len(idx) - 1} 份报告（{others}），{same}"
            out[i] = replace(out[i], notes=(*out[i].notes, note))
    return out
