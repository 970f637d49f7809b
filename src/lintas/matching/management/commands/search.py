import json

from django.core.management.base import BaseCommand

from lintas.matching.domain.search import search


class Command(BaseCommand):
    help = 'Hybrid search over the catalogue: lintas search "QUERY" [--kind offer|need] [--k 10] [--json]'

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--kind", choices=["offer", "need"])
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, query, kind=None, k=10, **options):
        result = search(query=query, kind=kind, k=max(1, min(k, 100)))
        rows = [
            {
                "ref": h.profile.ref,
                "kind": h.profile.kind,
                "title": h.profile.title,
                "language": h.profile.content_language,
                "organisation": h.profile.organisation.name,
                "country": str(h.profile.organisation.country),
                "band": h.band,
                "ranks": h.ranks,
            }
            for h in result.hits + result.related
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "query": query,
                        "language": result.language,
                        "no_close_match": result.no_close_match,
                        "results": rows,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            if result.no_close_match:
                self.stdout.write("No close match; related results:")
            for i, row in enumerate(rows, 1):
                self.stdout.write(
                    f"{i:2d}. {row['ref']} [{row['language']}] {row['title']} — "
                    f"{row['organisation']} ({row['country']}) · {row['band'] or 'related'}"
                )
