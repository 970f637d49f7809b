"""The JSON log format: one object a line, extra fields, tracebacks."""

import json
import logging

from lintas.ops.logs import JsonFormatter, RequestIdFilter, logging_config, request_id_var


def record(**extra):
    logger = logging.getLogger("lintas.test")
    try:
        raise ValueError("bad value 42")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    rec = logger.makeRecord(
        "lintas.test", logging.ERROR, __file__, 1, "failed for %s", ("x",), exc_info, extra=extra
    )
    RequestIdFilter().filter(rec)
    return rec


def test_json_line_has_fields_request_id_and_traceback():
    token = request_id_var.set("req-1")
    try:
        line = JsonFormatter().format(record(user_id=7, path="/p/", status=500))
    finally:
        request_id_var.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed for x"
    assert entry["level"] == "ERROR" and entry["logger"] == "lintas.test"
    assert entry["request_id"] == "req-1"
    assert (entry["user_id"], entry["path"], entry["status"]) == (7, "/p/", 500)
    assert "ValueError: bad value 42" in entry["exc"] and "Traceback" in entry["exc"]
    assert entry["time"].endswith("+00:00")


def test_outside_a_request_there_is_no_request_id():
    entry = json.loads(JsonFormatter().format(record()))
    assert "request_id" not in entry


def test_setting_chooses_the_format():
    assert logging_config(fmt="json", level="info")["handlers"]["console"]["formatter"] == "json"
    plain = logging_config(fmt="plain", level="INFO")
    assert plain["handlers"]["console"]["formatter"] == "plain"
    assert plain["loggers"]["lintas"]["level"] == "INFO"
    assert plain["loggers"]["django.request"]["level"] == "ERROR"
