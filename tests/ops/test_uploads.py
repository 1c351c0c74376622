"""Uploads that leave nothing behind: bodies over their page's limit refused before they are
read, files past their limit dropped as they come, temporary files in the app's own folder,
swept when the process that wrote them dies (a real gunicorn worker killed mid-upload)."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oversight.accounts.models import Role
from oversight.ops.uploads import PREFIX, sweep_uploads
from oversight.recommendations.models import Evidence
from tests.factories import OrganisationFactory, ResponseFactory, UserFactory
from tests.ops.helpers import ROOT, free_port, pdf

MB = 1024 * 1024


class NeverRead(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def __init__(self):
        self.reads = 0

    def readable(self):
        return True

    def read(self, size=-1):
        self.reads += 1
        raise AssertionError("the body was read")

    readline = read


def _wsgi(path: str, length: int, cookie: str = "", auth: str = ""):
    """Django's WSGI handler, called as a server would, inside the test's transaction (as the
    test client does: the connection is not closed at the end of the request)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return _call(WSGIHandler(), path, length, cookie, auth)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _call(handler, path: str, length: int, cookie: str, auth: str):
    body = NeverRead()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "CONTENT_LENGTH": str(length),
        "HTTP_COOKIE": cookie,
    }
    if auth:
        environ["HTTP_AUTHORIZATION"] = auth
    status = {}

    def start_response(line, headers, exc_info=None):
        status["line"] = line

    chunks = b"".join(handler(environ, start_response))
    return int(status["line"].split()[0]), chunks, body.reads


@pytest.fixture
def owner_and_response(db):
    home = OrganisationFactory(name="Home Force Police")
    owner = UserFactory(organisation=home, role=Role.OWNER)
    return owner, ResponseFactory(organisation=home, owner=owner)


def test_a_visitors_large_body_is_refused_before_it_is_read(db):
    status, body, reads = _wsgi("/account/sign-in/", 30 * MB)
    assert status == 413 and reads == 0
    assert b"too large" in body


def test_an_upload_over_its_pages_limit_is_refused_before_it_is_read(
    client, owner_and_response, settings
):
    owner, response = owner_and_response
    client.force_login(owner)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    url = reverse("recommendations:evidence-add", args=[response.pk])
    limit = settings.OVERSIGHT_EVIDENCE_MAX_BYTES
    status, body, reads = _wsgi(url, limit + 2 * MB, cookie=cookie)
    assert status == 413 and reads == 0
    assert b"this page takes at most 26 MB" in body
    # the API: JSON, whatever the token (it is checked after)
    api = f"/api/v1/responses/{response.pk}/evidence/"
    status, body, reads = _wsgi(api, limit + 2 * MB, auth="Bearer whatever")
    assert status == 413 and reads == 0 and b'"code": "too_large"' in body
    # a signed-in person's ordinary form is small
    status, _, reads = _wsgi("/recommendations/reassign/", 10 * MB, cookie=cookie)
    assert status == 413 and reads == 0


def test_a_file_past_its_limit_is_dropped_as_it_comes_and_refused(
    client, owner_and_response, settings, tmp_path
):
    owner, response = owner_and_response
    settings.OVERSIGHT_EVIDENCE_MAX_BYTES = 3 * MB
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    client.force_login(owner)
    big = SimpleUploadedFile("minutes.pdf", pdf("big") + b"0" * int(3.5 * MB))
    answer = client.post(reverse("recommendations:evidence-add", args=[response.pk]), {"file": big})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "larger than the 3 MB limit" in text, re.findall(r"Error:</span>([^<]*)", text)
    assert not Evidence.objects.exists()
    assert (
        not any(Path(settings.MEDIA_ROOT).rglob("*.*"))
        if Path(settings.MEDIA_ROOT).exists()
        else True
    )
    leftovers = list((tmp_path / "uploads").glob("*")) if (tmp_path / "uploads").exists() else []
    assert leftovers == []


def test_an_update_takes_a_few_files_at_most(client, owner_and_response, settings):
    owner, response = owner_and_response
    client.force_login(owner)
    files = [SimpleUploadedFile(f"m{n}.pdf", pdf(str(n))) for n in range(6)]
    answer = client.post(
        reverse("recommendations:update-add", args=[response.pk]),
        {"narrative": "Progress", "proposed_rag": "amber", "files": files},
    )
    assert answer.status_code == 400
    assert "Attach at most 5 files to one update" in answer.content.decode()


def test_temporary_uploads_are_the_apps_own_and_named_for_their_process(settings, tmp_path):
    from oversight.ops.uploads import OwnedTemporaryUploadedFile

    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    upload = OwnedTemporaryUploadedFile("minutes.pdf", "application/pdf", 0, None)
    path = Path(upload.temporary_file_path())
    assert path.parent == tmp_path / "uploads"
    assert path.name.startswith(f"{PREFIX}{os.getpid()}-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    upload.close()
    assert not path.exists()


def test_the_sweep_removes_files_of_processes_that_are_gone_and_nothing_else(settings, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = folder
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    mine = folder / f"{PREFIX}{os.getpid()}-abc.upload.pdf"
    theirs = folder / f"{PREFIX}{gone.pid}-def.upload.pdf"
    stranger = folder / "someone-elses.txt"
    old_stranger = folder / "ancient.txt"
    for path in (mine, theirs, stranger, old_stranger):
        path.write_bytes(b"x")
    os.utime(old_stranger, (time.time() - 2 * 86400,) * 2)
    removed = sweep_uploads()
    assert sorted(removed) == sorted([theirs.name, old_stranger.name])
    assert mine.exists() and stranger.exists()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_a_worker_killed_mid_upload_leaves_no_copy_of_the_file(
    populated, request, tmp_path, client
):
    """gunicorn with one worker; an owner's 6 MB upload stalls half-way (spooled to disk);
    the worker is killed with SIGKILL: the master's child_exit hook removes what it spooled."""
    client.force_login(populated["owner"])  # the session is in the database the server reads
    session = client.cookies["sessionid"].value
    instance = request.getfixturevalue("source")
    uploads = tmp_path / "uploads"
    port = free_port()
    env = {
        **instance.env,
        "OVERSIGHT_UPLOAD_TEMP_DIR": str(uploads),
        "OVERSIGHT_TASK_WORKER": "0",  # the web worker is the master's only child
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "oversight.config.wsgi:application",
            "--config",
            "python:oversight.config.gunicorn",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline and not _children(server.pid):
            time.sleep(0.2)
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                time.sleep(0.2)
        (worker,) = _children(server.pid)
        response = populated["responses"][0]
        head = (
            b'--x\r\nContent-Disposition: form-data; name="file"; filename="minutes.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n"
        )
        total = len(head) + 6 * MB + len(b"\r\n--x--\r\n")
        upload = socket.create_connection(("127.0.0.1", port))
        upload.sendall(
            f"POST /recommendations/responses/{response.pk}/evidence/new/ HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\nCookie: sessionid={session}; csrftoken={'a' * 32}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {total}\r\n\r\n".encode()
            + head
            + pdf("spooled")
            + b"0" * (3 * MB)
        )
        deadline = time.time() + 30
        while time.time() < deadline and not list(uploads.glob(f"{PREFIX}{worker}-*")):
            time.sleep(0.1)
        spooled = list(uploads.glob(f"{PREFIX}{worker}-*"))
        if not spooled:
            upload.settimeout(5)
            try:
                answer = upload.recv(300)
            except OSError as exc:
                answer = repr(exc)
            pytest.fail(f"the upload was never spooled to the app's folder: {answer}")
        assert not list(Path("/tmp").glob(f"*{spooled[0].name}*"))
        os.kill(worker, signal.SIGKILL)
        deadline = time.time() + 30
        while time.time() < deadline and list(uploads.iterdir()):
            time.sleep(0.1)
        assert list(uploads.iterdir()) == [], "the killed worker's upload was left behind"
        upload.close()
        sql = "SELECT COUNT(*) FROM recommendations_evidence WHERE original_name = ?"
        assert instance.scalar(sql, ("minutes.pdf",)) == 0
        # the master started another worker, which answers
        deadline = time.time() + 30
        while time.time() < deadline and not [p for p in _children(server.pid) if p != worker]:
            time.sleep(0.1)
        probe = socket.create_connection(("127.0.0.1", port), timeout=10)
        probe.settimeout(20)
        probe.sendall(f"GET /account/sign-in/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        assert probe.recv(64).startswith(b"HTTP/1.1 200")
        probe.close()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        server.stderr.close()
