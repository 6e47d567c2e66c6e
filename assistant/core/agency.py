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


# How two names relate, for last year's report (`relation`): the same body, a variant or renaming
# worth a confirmation, another body of the same place, or a body of another place.
SAME, VARIANT, OTHER_BODY, OTHER_PLACE = "same", "variant", "other_body", "other_place"

# An administrative unit that ends the place part of a name (市场, 城乡, 乡村, 区域 are not units).
_UNIT = re.compile(
    r"(?:自治区|省|自治州|地区|市(?!场|容|政|民)|州|盟|自治县|县|区(?!域)|旗|镇|(?<!城)乡(?!村|镇)|街道)"
)
# Words that say what kind of body it is, not which: left out when comparing what two bodies do.
_GENERIC = re.compile(r"政府|委员会|办公室|办事处|管理|服务|事务|综合|中心|机关|部门|[局委办处所站队和与的]")


def split_name(name: str) -> tuple[str, str]:
    """(place, body) of a canonical name: 「青梧县」「林业局」; the place ends at the last unit."""
    x = canonical_name(name)
    last = None
    for m in _UNIT.finditer(x):
        last = m
    return (x[: last.end()], x[last.end() :]) if last else ("", x)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _renamed_place(a: str, b: str) -> bool:
    """青梧县 / 青梧区 (撤县设区), 青梧县 / 青梧市 (撤县设市): the same place under another unit."""
    stem_a, stem_b = _UNIT.sub("", a), _UNIT.sub("", b)
    return bool(stem_a) and (stem_a.endswith(stem_b) or stem_b.endswith(stem_a)) and bool(stem_b)


def relation(previous: str, current: str) -> str:
    """SAME (names of one body), VARIANT (the same place, bodies with a word in common: 林业局 /
    林业和草原局, 建设局 / 住房城乡建设局 — a renaming, to be confirmed), OTHER_BODY (the same place,
    nothing in common: 财政局 / 教育局) or OTHER_PLACE (another county, town or city)."""
    if same_agency(previous, current):
        return SAME
    (pa, ba), (pb, bb) = split_name(previous), split_name(current)
    if pa and pb and not (pa.endswith(pb) or pb.endswith(pa)) and not _renamed_place(pa, pb):
        return OTHER_PLACE
    ca, cb = _GENERIC.sub("", ba), _GENERIC.sub("", bb)
    if (not ca and not cb) or _pairs(ca) & _pairs(cb):
        return VARIANT
    return OTHER_BODY
