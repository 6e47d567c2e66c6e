"""`assistant user add NAME` / `assistant user passwd NAME` / `assistant user list`: app accounts."""

from __future__ import annotations

import argparse
import getpass
import sys

from assistant.config import load_settings
from assistant.store import Store, StoreError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="管理登录账号（密码以 bcrypt 哈希保存）")
    p.add_argument("action", choices=["add", "passwd", "list"], help="add 新建，passwd 改密码，list 列出")
    p.add_argument("name", nargs="?", help="用户名")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（用于脚本）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = Store(load_settings().db_path)
    try:
        if args.action == "list":
            names = store.usernames()
            print("\n".join(names) if names else "（还没有账号）")
            return 0
        if not args.name:
            print("请给出用户名，例如：assistant user add zhangsan", file=sys.stderr)
            return 2
        password = _read_password(args.password_stdin)
        if args.action == "add":
            store.add_user(args.name, password)
            print(f"已创建账号“{args.name}”")
        else:
            store.set_password(args.name, password)
            print(f"已修改“{args.name}”的密码")
        return 0
    except StoreError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except EOFError:
        print("错误：没有读到密码。在脚本中使用时请加 --password-stdin 并从标准输入提供密码", file=sys.stderr)
        return 2
    finally:
        store.close()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码（至少 8 位）：")
    if getpass.getpass("再输入一次：") != first:
        raise StoreError("两次输入的密码不一致")
    return first
