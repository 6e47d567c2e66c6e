"""`assistant org add NAME [--office] [--under OFFICE]` / `assistant org list`: organisations.

A 政务公开办 (`--office`) oversees the bodies added `--under` it: its 审核人 read their reports.
"""

from __future__ import annotations

import argparse
import sys

from assistant.config import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("org", help="管理机构（报告归机构所有）")
    p.add_argument("action", choices=["add", "list"], help="add 新建，list 列出")
    p.add_argument("name", nargs="?", help="机构名称，如：某县住房和城乡建设局")
    p.add_argument("--office", action="store_true", help="该机构是政务公开办，可查看下级机构的报告")
    p.add_argument("--under", help="上级政务公开办的名称")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.store import Store, StoreError  # bcrypt and the schema: only when run

    store = Store(load_settings().db_path)
    try:
        if args.action == "list":
            orgs = store.orgs()
            if not orgs:
                print("（还没有机构）")
            for o in orgs:
                kind = "政务公开办" if o.office else "机关"
                print(f"{o.name}\t{kind}\t{('上级：' + o.parent) if o.parent else ''}".rstrip())
            return 0
        if not args.name:
            print("请给出机构名称，例如：assistant org add 某县住房和城乡建设局", file=sys.stderr)
            return 2
        store.add_org(args.name, parent=args.under, office=args.office)
        print(f"已建立机构“{args.name.strip()}”")
        return 0
    except StoreError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    finally:
        store.close()
