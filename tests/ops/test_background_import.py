"""A large import through the pages of a real `oversight serve` (gunicorn and its background
worker, as `make demo` runs them): confirming answers before the import is done, the page
shows the rows imported so far, then the result; nothing is in the register until the end."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.ops.helpers import ROOT, free_port

ROWS = 1000


def _tracker() -> bytes:
    lines = ["Ref,Recommendation,Report,Due date,RAG,Status,Update"]
    for n in range(1, ROWS + 1):
        lines.append(
            f"L{n:04d},Large import recommendation {n}: the force should do thing {n} well.,"
            f"Large import report,31/03/2031,Amber,In progress,Progress on thing {n}."
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.slow
def test_a_large_import_runs_in_the_background_of_a_real_server(
    populated, request, client, tmp_path
):
    client.force_login(populated["liaison"])  # a session in the database the server reads
    session = client.cookies["sessionid"].value
    instance = request.getfixturevalue("source")
    port = free_port()
    env = {
        **instance.env,
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "OVERSIGHT_VAR_DIR": str(tmp_path / "var"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "oversight.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    web = requests.Session()
    web.cookies.set("sessionid", session)
    try:
        deadline = time.time() + 60
        while True:
            try:
                if web.get(f"{base}/import/", timeout=10).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert server.poll() is None, server.stderr.read().decode()[-3000:]
            assert time.time() < deadline, "the server did not start"
            time.sleep(0.3)
        token = web.cookies["csrftoken"]
        headers = {"Referer": f"{base}/import/", "X-CSRFToken": token}
        preview = web.post(
            f"{base}/import/",
            files={"file": ("large tracker.csv", _tracker(), "text/csv")},
            data={"csrfmiddlewaretoken": token},
            headers=headers,
            timeout=60,
        )
        assert preview.status_code == 200 and "Check what will be imported" in preview.text
        batch = int(re.search(r"/import/(\d+)/", preview.url).group(1))
        confirmed = web.post(
            f"{base}/import/{batch}/confirm/",
            data={"csrfmiddlewaretoken": token},
            headers=headers,
            timeout=60,
            allow_redirects=False,
        )
        assert confirmed.status_code == 302
        assert confirmed.headers["Location"] == f"/import/{batch}/result/"
        # the page answered; the import is the worker's
        status = instance.scalar("SELECT status FROM ingest_importbatch WHERE id = ?", (batch,))
        assert status == "importing"
        count = "SELECT COUNT(*) FROM recommendations_recommendation WHERE reference LIKE ?"
        assert instance.scalar(count, ("L%",)) == 0

        seen = []
        deadline = time.time() + 300
        while time.time() < deadline:
            page = web.get(f"{base}/import/{batch}/result/", timeout=60)
            assert page.status_code == 200
            if "What was imported" in page.text:
                break
            seen.append(re.sub(r"\s+", " ", page.text))
            time.sleep(1)
        else:
            pytest.fail(f"the import did not finish: {seen[-1][-2000:] if seen else ''}")
        assert any("Importing large tracker.csv" in p for p in seen)
        assert any(f"of {ROWS:,} rows" in p for p in seen), "no progress was shown"
        assert f"Imported: {ROWS:,} recommendations created".replace(",", "") in page.text.replace(
            ",", ""
        )
        assert instance.scalar(count, ("L%",)) == ROWS
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        server.stderr.close()
