"""`assistant user add|passwd|list|remove|set NAME [--org ORG] [--role ROLE]`: app accounts.

Passwords are kept as bcrypt hashes. The first account made on an install that was used without
login takes over the reports made then (into its organisation): they are never hidden.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from assistant.config import load_settings
from assistant.roles import CLERK, ROLES, normalise_role
from assistant.store import Store, StoreError

ACTIONS = ["add", "passwd", "list", "remove", "set"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="管理登录账号（密码以 bcrypt 哈希保存）")
    p.add_argument(
        "action",
        choices=ACTIONS,
        help="add 新建，passwd 改密码，list 列出，remove 删除，set 修改机构或角色",
    )
    p.add_argument("name", nargs="?", help="用户名")
    p.add_argument("--org", help="所属机构（先用 `assistant org add` 建立）")
    p.add_argument("--role", help=f"角色：{'、'.join(ROLES)}（默认{CLERK}）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（用于脚本）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = Store(load_settings().db_path)
    try:
        if args.action == "list":
            _list(store)
            return 0
        if not args.name:
            print(
                "请给出用户名，例如：assistant user add zhangsan --org 某县某局 --role 经办人",
                file=sys.stderr,
            )
            return 2
        role = _role(args.role)
        if args.action == "remove":
            store.remove_user(args.name)
            print(f"已删除账号“{args.name}”（其已登录的会话随即失效；报告仍归所属机构）")
        elif args.action == "set":
            if role is None and args.org is None:
                raise StoreError("请用 --org 或 --role 指明要修改的内容")
            store.set_role(args.name, role=role, org=args.org)
            print(f"已修改“{args.name}”：{_describe(store, args.name)}（其已登录的会话需重新登录）")
        elif args.action == "add":
            _add(store, args, role or CLERK)
        else:
            store.set_password(args.name, _read_password(args.password_stdin))
            print(f"已修改“{args.name}”的密码（之前登录的会话均已失效）")
        return 0
    except StoreError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except EOFError:
        print("错误：没有读到密码。在脚本中使用时请加 --password-stdin 并从标准输入提供密码", file=sys.stderr)
        return 2
    finally:
        store.close()


def _add(store: Store, args: argparse.Namespace, role: str) -> None:
    first = not store.has_login_users()
    if args.org:
        store.org_id(args.org)  # a clear error before asking for the password
    store.add_user(args.name, _read_password(args.password_stdin), org=args.org, role=role)
    print(f"已创建账号“{args.name}”：{_describe(store, args.name)}")
    if first:
        moved = store.assign_local_reports(args.name)
        if moved:
            owner = f"机构“{args.org}”" if args.org else f"账号“{args.name}”"
            print(f"免登录模式下建立的 {moved} 份报告已归入{owner}，登录后即可看到")
        print("提示：已有账号，之后启动网页应用需要登录")


def _list(store: Store) -> None:
    accounts = store.accounts()
    if not accounts:
        print("（还没有账号）")
    for a in accounts:
        print(f"{a.username}\t{a.org or '（无机构）'}\t{a.role if a.org_id is not None else '（个人账号）'}")


def _describe(store: Store, name: str) -> str:
    a = store.account(store.user_id(name))
    return f"{a.org}，{a.role}" if a.org_id is not None else "未指定机构（只能看到本人建立的报告）"


def _role(raw: str | None) -> str | None:
    if raw is None:
        return None
    role = normalise_role(raw)
    if role is None:
        raise StoreError(f"角色“{raw}”无效，可选：{'、'.join(ROLES)}")
    return role


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码（8 位以上，最多 72 字节）：")
    if getpass.getpass("再输入一次：") != first:
        raise StoreError("两次输入的密码不一致")
    return first
