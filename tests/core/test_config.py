import subprocess
import sys
from pathlib import Path

from lintas.config import SETTINGS, load_config, secret_key


def test_config_layers_env_beats_ini_beats_default(tmp_path):
    (tmp_path / "lintas.cfg").write_text(
        "[site]\ndebug = true\nurl = http://ini.example\n[celery]\nbroker_url = redis://ini\n"
    )
    config = load_config(
        {"LINTAS_DATA_DIR": str(tmp_path), "LINTAS_SITE_URL": "http://env.example"}
    )
    assert config.get("LINTAS_SITE_URL") == "http://env.example"
    assert config.flag("LINTAS_DEBUG") is True
    assert config.get("LINTAS_CELERY_BROKER_URL") == "redis://ini"
    assert config.get("LINTAS_ENCODER_THREADS") == "1"


def test_secret_key_generated_once_into_data_folder(tmp_path):
    config = load_config({"LINTAS_DATA_DIR": str(tmp_path)})
    first = secret_key(config)
    assert len(first) > 40
    assert secret_key(config) == first
    assert (tmp_path / ".secret").read_text().strip() == first


def test_every_setting_is_documented():
    doc = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text()
    missing = [name for name in SETTINGS if name not in doc]
    assert missing == []


def test_time_zone_defaults_to_shanghai_and_comes_from_configuration(tmp_path):
    assert load_config({"LINTAS_DATA_DIR": str(tmp_path)}).get("LINTAS_TIME_ZONE") == (
        "Asia/Shanghai"
    )
    (tmp_path / "lintas.cfg").write_text("[site]\ntime_zone = Asia/Bangkok\n")
    assert load_config({"LINTAS_DATA_DIR": str(tmp_path)}).get("LINTAS_TIME_ZONE") == (
        "Asia/Bangkok"
    )
    code = "from django.conf import settings; print(settings.TIME_ZONE)"
    env = {
        "PATH": "/usr/bin:/bin",
        "LINTAS_DATA_DIR": str(tmp_path),
        "LINTAS_TIME_ZONE": "Asia/Jakarta",
        "DJANGO_SETTINGS_MODULE": "lintas.settings",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert (out.returncode, out.stdout.strip()) == (0, "Asia/Jakarta")
