"""The YAML loader of facts files: PyYAML's safe loader (its C parser where built) that refuses a
duplicate key or a key that is not text, instead of keeping the last value silently.

A module of its own so that only reading a YAML file imports PyYAML (`facts_io` imports it when used).
"""

from __future__ import annotations

from decimal import Decimal

import yaml

from assistant.parse_messages import kind as _kind


class FactsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C parser where available) that refuses duplicate keys instead of keeping the last."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool, Decimal)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"第 {key_node.start_mark.line + 1} 行的键是{_kind(key)}，键应是文字",
                    key_node.start_mark,
                )
            if key in seen:
                line = key_node.start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"键“{key}”重复出现（第 {seen[key]} 行和第 {line} 行），请只保留一个",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)
