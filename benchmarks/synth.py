"""A synthetic catalog at national scale, for benchmarks: the real catalog (so every guide link
still resolves) plus N synthetic county-level regions nested province → city → county, each with
its own policy document, station rules, staffing, funding, service domains and timeline.

Text is assembled from Chinese phrase banks so that pages, search and segmentation behave as
they do with real content. The same seed always gives the same catalog.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from swkb.catalog.schema import expected_modeline

SYLLABLES = list("安平兴和宁泰康华阳山河江湖海云青丰永长新东西南北中德福顺清远昌宜临定武文明光成广嘉祥瑞源")
PROVINCE_SUFFIX = ["省"]
CITY_SUFFIX = ["市"]
COUNTY_SUFFIX = ["县", "市", "区"]
DOMAINS = [
    ("社会救助领域", ["shehui-jiuzhu"]),
    ("养老服务领域", ["yanglao-weilao"]),
    ("儿童福利领域", ["ertong-guanai"]),
    ("社区治理领域", ["shequ-zhili", "shequ-zuzhi-peiyu", "shequ-zhiyuan"]),
    ("社会事务领域", ["hunyin-jiating", "fucan-zhucan"]),
    ("基层司法服务", []),
    ("乡村振兴资源链接", ["ziyuan-lianjie"]),
]
PHRASES = [
    "按照“一年起步、两年铺开、三年提升”的思路推进",
    "由县级民政部门统一购买服务",
    "依托乡镇民生服务中心设置站点",
    "驻站社工由承接机构聘用并签订劳动合同",
    "重点服务困难群众和特殊群体",
    "建立需求评估和资源评估台账",
    "每季度向上级民政部门报告项目进展",
    "注重培育本土社会工作人才",
    "推动社区、社会组织和社会工作联动",
    "年度评估合格后续签服务协议",
]


def _name(rng: random.Random, used: set[str], suffix: str, length: int = 2) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(length)) + suffix
        if name not in used:
            used.add(name)
            return name


def _fact(doc: str, clause: str, **value: object) -> dict[str, object]:
    return {**value, "source": doc, "clause": clause}


def generate(target: Path, regions: int, real_catalog: Path, seed: int = 7) -> Path:
    """Write a catalog with about `regions` county-level regions into `target` (replaced)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(real_catalog, target)

    def write(kind_dir: str, entry_id: str, data: dict[str, object]) -> None:
        path = target / kind_dir / f"{entry_id}.yml"
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(expected_modeline(target, path) + "\n" + text, encoding="utf-8")

    used: set[str] = set()
    provinces = max(1, min(31, regions // 60 or 1))
    cities_per_province = max(1, regions // provinces // 10)
    counties_per_city = max(1, -(-regions // (provinces * cities_per_province)))
    made = 0
    for p in range(provinces):
        pid = f"p{p:02d}"
        write("regions", pid, {"id": pid, "name": _name(rng, used, "省"), "level": "province"})
        for c in range(cities_per_province):
            cid = f"{pid}-c{c:02d}"
            write("regions", cid, {"id": cid, "name": _name(rng, used, "市"), "level": "prefecture", "parent": pid})
            for k in range(counties_per_city):
                if made >= regions:
                    break
                made += 1
                rid = f"{cid}-k{k:03d}"
                did = f"{rid}-plan"
                name = _name(rng, used, rng.choice(COUNTY_SUFFIX))
                year = rng.choice([2020, 2021, 2022])
                write(
                    "documents",
                    did,
                    {
                        "id": did,
                        "title": f"{name}乡镇(街道)社会工作服务站建设实施方案",
                        "issuer": f"{name}民政局",
                        "number": f"{name[:1]}民发〔{year}〕{rng.randint(1, 99)}号",
                        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        "level": "county",
                        "region": rid,
                        "status": "unknown",
                        "doc_type": "plan",
                        "seed_file": "synthetic",
                        "summary": "；".join(rng.sample(PHRASES, 3)) + "。",
                    },
                )
                staff_min = rng.randint(2, 6)
                write(
                    "regions",
                    rid,
                    {
                        "id": rid,
                        "name": name,
                        "level": "county",
                        "parent": cid,
                        "summary": "；".join(rng.sample(PHRASES, 4)) + "。",
                        "station": {
                            "floor_area": _fact(did, "(二)硬件设置", min=rng.choice([12, 20, 40, 60, 80, 100]), unit="㎡"),
                            "staff": _fact(did, "(四)人员配备", min=staff_min, unit="名"),
                            "signage": _fact(did, "(五)统一标识", text=f"{name}××乡镇(街道)社会工作服务站"),
                        },
                        "staffing": [
                            {
                                "role": "zhuzhan-shegong",
                                "post": "station",
                                "count": _fact(did, "(四)人员配备", min=staff_min, unit="名"),
                                "age_max": _fact(did, "(四)人员配备", max=rng.choice([35, 40, 45, 50]), unit="岁"),
                                "education": _fact(did, "(四)人员配备", text=rng.choice(["大专及以上学历", "本科及以上学历"])),
                                "certificate_deadline": _fact(did, "(四)人员配备", value=rng.choice([1, 2, 3]), unit="年"),
                                "training_hours": _fact(did, "(五)队伍建设", min=rng.choice([40, 60, 72]), unit="学时"),
                            }
                        ],
                        "services": [
                            {"name": d, "maps_to": m, "source": did, "clause": f"({i + 1}){d}"}
                            for i, (d, m) in enumerate(rng.sample(DOMAINS, rng.randint(3, 6)))
                        ],
                        "funding": {
                            "social_assistance_share": _fact(did, "(二)资金保障", max=rng.choice([2, 3, 5]), unit="%"),
                            "per_station": _fact(did, "(二)资金保障", min=rng.choice([5, 8, 10, 20]), unit="万元"),
                        },
                        "purchase": {"contract_cycle": _fact(did, "(三)签订合同", value=rng.choice([1, 2, 3]), unit="年")},
                        "timeline": [
                            _fact(
                                did,
                                "实施步骤",
                                event="试点启动",
                                date=f"{year}-{rng.randint(1, 6):02d}",
                                before=True,
                                phase="pilot",
                            ),
                            _fact(did, "实施步骤", event="全面推开", date=f"{year + 1}", phase="rollout"),
                            _fact(did, "实施步骤", event="乡镇(街道)社工站全覆盖", date=f"{year + 2}", phase="full_coverage"),
                        ],
                    },
                )
    return target
