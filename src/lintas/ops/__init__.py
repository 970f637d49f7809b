"""Running Lintas in production: `lintas serve`, `lintas worker`, `lintas beat`, health and
readiness probes, structured request logs (docs/deployment.md).

Top floor, beside api and demo: the readiness probe looks at the database, the broker and the
matching app's search index, so it may import any app; no app imports it.
"""
