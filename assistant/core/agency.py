"""Agency names: whether two name the same body, and the level a name implies."""

from __future__ import annotations

import re

COUNTY = re.compile(r"[县区旗](?!域)")
CITY = re.compile(r"市(?!场)|州(?!市)|盟")


# Ways of writing the same name (applied in order to both names before comparing).
VARIANTS = (
    ("（", "("),
    ("）", ")"),
    ("与", "和"),
    ("住房和城乡", "住房城乡"),
    ("人民政府", "政府"),
    ("办公室", "办"),
    ("办公厅", "办"),
)


def canonical_name(name: str) -> str:
    """A name with spacing and known variants (和/与, 住房和城乡/住房城乡, 人民政府办公室/政府办) unified."""
    out = "".join(name.split())
    for old, new in VARIANTS:
        out = out.replace(old, new)
    return out


def same_agency(a: str, b: str) -> bool:
    """Whether two agency names plausibly name the same body (spacing, known variants of the same
    name, one name inside the other)."""
    x, y = canonical_name(a), canonical_name(b)
    if not x or not y:
        return True  # unknown: do not block the comparison
    return x == y or x in y or y in x


def infer_level(agency: str) -> str:
    """The level a name implies, in the app's terms (县级部门, 乡镇, 街道, 市级部门, …); "" if unclear.

    The administrative unit is the last one named before the body itself: 青梧县市场监督管理局 is a
    county department (市 in 市场 is not a city), 临澜市砚湖区柳岸街道办事处 a street office.
    """
    name = "".join(agency.split())
    if not name:
        return ""
    if "街道" in name:
        return "街道"
    if re.search(r"[镇乡](人民)?政府", name):
        return "乡镇"
    government = bool(re.search(r"(人民)?政府(办公室|办公厅)?$", name))
    if COUNTY.search(name):
        return "县级政府办公室" if government else "县级部门"
    if CITY.search(name):
        return "市级政府办公室" if government else "市级部门"
    if "省" in name or "自治区" in name:
        return "省级部门"
    return ""
