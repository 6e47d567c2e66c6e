"""Agency names: same body, and the level a name implies."""

from __future__ import annotations

import pytest

from assistant.core.agency import infer_level, same_agency


@pytest.mark.parametrize(
    ("name", "level"),
    [("青梧县自然资源局", "县级部门"), ("青梧县市场监督管理局", "县级部门"), ("临澜市生态环境局", "市级部门"),
     ("某市市场监督管理局", "市级部门"), ("青梧县人民政府办公室", "县级政府办公室"), ("临澜市人民政府办公室", "市级政府办公室"),
     ("青梧县禾渚镇人民政府", "乡镇"), ("临澜市砚湖区柳岸街道办事处", "街道"), ("某省教育厅", "省级部门"),
     ("延津县政务服务和大数据管理局", "县级部门"), ("某单位", "")],
)  # fmt: skip
def test_infer_level(name, level):
    assert infer_level(name) == level


def test_same_agency():
    assert same_agency("青梧县自然资源局", " 青梧县自然资源局")
    assert not same_agency("青梧县自然资源局", "青梧县禾渚镇人民政府")
    assert same_agency("", "任何机关")
