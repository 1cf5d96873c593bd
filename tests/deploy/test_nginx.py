"""deploy/'s nginx configuration: nginx itself accepts it, and it holds what sessions need."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from deploy import nginx
from safetymap.contract.limits import MAX_FILE_MB
from tools.appserver import free_port

ROUTES = [nginx.Route("s1", 40001), nginx.Route("s2", 40002)]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian puts it in /usr/sbin


def test_the_upload_limit_is_the_apps() -> None:
    assert nginx.upload_limit_mb() == MAX_FILE_MB
    assert f"client_max_body_size {MAX_FILE_MB}m;" in nginx.render(
        ROUTES, "127.0.0.1:8080", Path("/tmp/run"), MAX_FILE_MB
    )


def test_each_server_has_its_route_and_the_others_as_backups() -> None:
    conf = nginx.render(ROUTES, "127.0.0.1:8080", Path("/tmp/run"), MAX_FILE_MB)
    assert '"~127\\.0\\.0\\.1:40001$" "route=s1; Path=/; HttpOnly; SameSite=Lax";' in conf
    assert "s2 server_s2;" in conf
    server_s1 = conf.split("upstream server_s1 {", 1)[1].split("}", 1)[0]
    assert "server 127.0.0.1:40001 max_fails=1" in server_s1
    assert "server 127.0.0.1:40002 backup;" in server_s1
    assert "{{" not in conf.replace("{{placeholders}}", "")


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx.render(ROUTES, f"127.0.0.1:{free_port()}", tmp_path, MAX_FILE_MB))
    done = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
