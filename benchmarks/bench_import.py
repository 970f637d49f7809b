"""How long an import of offers and needs takes, per row, by size and format.

Builds files of N profiles in the template's columns (languages mixed: English, Chinese,
Indonesian, Thai, Vietnamese, half of them without a declared language so the identifier runs),
then times the dry run (the whole import inside a transaction that is rolled back) and the
commit, for CSV, XLSX and JSON, on a fresh SQLite database in a temporary folder (or the database
of LINTAS_DATABASE_URL). The baseline is reading the file alone (tabular.read), measured in the
same run: what the checks and the writes add on top of parsing. Prints milliseconds per row.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_import.py [--rows 200 1000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

TEXTS = [
    ("en", "Solar seed dryer", "A dryer for rice seed that runs on solar heat for small farms."),
    ("zh", "抗旱水稻新品种", "一种需水量少的水稻品种，适合东南亚的旱季种植。"),
    ("id", "Pengering benih tenaga surya", "Alat pengering benih padi dengan tenaga surya untuk petani."),
    ("th", "เครื่องอบเมล็ดพันธุ์พลังงานแสงอาทิตย์", "เครื่องอบเมล็ดข้าวด้วยความร้อนจากแสงอาทิตย์สำหรับฟาร์มขนาดเล็ก"),
    ("vi", "Máy sấy hạt giống năng lượng mặt trời", "Máy sấy hạt lúa bằng nhiệt mặt trời cho nông hộ nhỏ."),
]  # fmt: skip


def setup():
    os.environ.setdefault("LINTAS_DATA_DIR", tempfile.mkdtemp(prefix="lintas-bench-"))
    os.environ["LINTAS_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def rows(n: int, start: int) -> list[dict]:
    out = []
    for i in range(n):
        lang, title, summary = TEXTS[i % len(TEXTS)]
        out.append(
            {
                "ref": f"OF-B-{start + i:06d}",
                "kind": "offer" if i % 2 else "need",
                "organisation": "gxu",
                "title": f"{title} {i}",
                "summary": summary,
                "sectors": "agriculture",
                "keywords": "seed; dryer",
                "trl": 1 + i % 9,
                "target_countries": "ID; TH; VN",
                "content_language": lang if i % 2 else "",
                "status": "submitted" if i % 3 else "draft",
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[200, 1000])
    args = parser.parse_args()
    setup()
    from lintas.catalogue.domain.transfer import COLUMN_NAMES, PROFILES
    from lintas.core import tabular
    from lintas.core.domain.transfer import run_import
    from lintas.core.models import Organisation, Sector, User

    Organisation.objects.get_or_create(
        slug="gxu", defaults={"name": "Guangxi University", "type": "university", "country": "CN"}
    )
    Sector.objects.get_or_create(slug="agriculture", defaults={"names": {"en": "Agriculture"}})
    broker, _ = User.objects.get_or_create(
        username="bench-broker", defaults={"email": "b@example.org", "role": "broker"}
    )
    print(
        f"{'rows':>6} {'format':>6} {'read (baseline)':>16} {'dry run':>10} {'commit':>10}  ms/row"
    )
    start = 0
    for n in args.rows:
        for fmt in tabular.FORMATS:
            data = tabular.write(fmt, COLUMN_NAMES, rows(n, start))
            t0 = time.perf_counter()
            tabular.read(data)
            read_ms = (time.perf_counter() - t0) * 1000 / n
            t0 = time.perf_counter()
            report = run_import(dataset=PROFILES, actor=broker, data=data, dry_run=True)
            dry_ms = (time.perf_counter() - t0) * 1000 / n
            assert report.ok, report.problems[:3]
            t0 = time.perf_counter()
            report = run_import(dataset=PROFILES, actor=broker, data=data, dry_run=False)
            commit_ms = (time.perf_counter() - t0) * 1000 / n
            assert report.committed
            start += n
            print(
                f"{n:>6} {fmt:>6} {read_ms:>16.2f} {dry_ms:>10.2f} {commit_ms:>10.2f}"
                f"  (dry run {dry_ms / read_ms:.0f}x the read)"
            )


if __name__ == "__main__":
    main()
