"""The API tokens page, the documentation page, and the CSV files."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from oversight.api.models import ApiToken
from oversight.recommendations.models import Response, Update
from oversight.recommendations.services import update_add

RESPONSES_HEADER = [
    "response_id", "recommendation_id", "reference", "number", "kind", "kind_label", "theme",
    "recommendation_text", "report_id", "report_title", "report_published_on", "deadline_text",
    "original_due_on", "revised_due_on", "due_on", "overdue", "status", "status_label", "rag",
    "owner_id", "owner", "portfolio", "board", "sign_off", "next_review_on", "closed_on",
    "latest_update_on", "updated_at",
]  # fmt: skip
RECOMMENDATIONS_HEADER = [
    "recommendation_id", "reference", "number", "kind", "kind_label", "theme", "text",
    "audience", "deadline_text", "due_on", "report_id", "report_title", "report_published_on",
    "inspectorate", "national", "cause_of_concern_id", "concern_status", "response_id",
    "response_status", "response_rag",
]  # fmt: skip
UPDATES_HEADER = [
    "update_id", "response_id", "recommendation_id", "reference", "written_on", "author_id",
    "author", "proposed_rag", "narrative", "next_steps", "evidence_count", "created_at",
]  # fmt: skip


def _rows(answer) -> list[list[str]]:
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"].startswith('attachment; filename="oversight-')
    text = b"".join(answer.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads UTF-8
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_csv_files_have_stable_columns(client, person, token_for, bearer):
    headers = bearer(token_for("owner"))
    org = person("owner").organisation

    rows = _rows(client.get(reverse("api:responses-csv"), headers=headers))
    assert rows[0] == RESPONSES_HEADER
    assert len(rows) - 1 == Response.objects.filter(organisation=org).count()
    by_id = {int(r[0]): dict(zip(RESPONSES_HEADER, r, strict=True)) for r in rows[1:]}
    sample = Response.objects.filter(organisation=org, owner__username="owner").first()
    row = by_id[sample.pk]
    assert row["owner"] == "Jordan Reid" and row["status"] == sample.status
    assert row["reference"] == sample.recommendation.reference
    assert row["overdue"] in {"true", "false"}

    mine = _rows(client.get(reverse("api:responses-csv") + "?owner=me", headers=headers))
    assert {r[RESPONSES_HEADER.index("owner")] for r in mine[1:]} == {"Jordan Reid"}

    recs = _rows(client.get(reverse("api:recommendations-csv"), headers=headers))
    assert recs[0] == RECOMMENDATIONS_HEADER
    assert "9159" in {r[1] for r in recs[1:]}

    updates = _rows(client.get(reverse("api:updates-csv"), headers=headers))
    assert updates[0] == UPDATES_HEADER
    assert len(updates) - 1 == Update.objects.filter(response__organisation=org).count()


def test_csv_never_carries_a_formula(client, person, token_for, bearer):
    owner = person("owner")
    response = Response.objects.filter(owner=owner).first()
    update_add(
        response=response,
        author=owner,
        written_on=response.created_at.date(),
        narrative='=HYPERLINK("http://evil.example","click")',
        proposed_rag="amber",
    )
    rows = _rows(client.get(reverse("api:updates-csv"), headers=bearer(token_for(owner))))
    narratives = [r[UPDATES_HEADER.index("narrative")] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","click")' in narratives
    assert not any(n.startswith("=") for n in narratives)


def test_csv_needs_a_token(client, demo):
    answer = client.get(reverse("api:responses-csv"))
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/json"


def test_a_person_makes_sees_once_and_revokes_a_token(client, person):
    owner = person("owner")
    client.force_login(owner)
    page = client.get(reverse("api:tokens")).content.decode()
    assert "You have no API tokens." in page

    made = client.post(reverse("api:tokens"), {"name": "Power BI", "lifetime": "90"})
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    html = made.content.decode()
    assert "Copy your new API token now" in html
    token = ApiToken.objects.get(user=owner)
    secret = next(p.split('"')[0] for p in html.split('value="')[1:] if p.startswith("ovs_"))
    assert secret.startswith(token.prefix)

    listing = client.get(reverse("api:tokens")).content.decode()
    assert "Power BI" in listing and token.prefix in listing and secret not in listing
    assert "Active" in listing

    api = client.get(reverse("api:response-list"), headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200

    confirm = client.get(reverse("api:token-revoke", args=[token.pk])).content.decode()
    assert "Revoke the token ‘Power BI’?" in confirm
    done = client.post(reverse("api:token-revoke", args=[token.pk]), follow=True)
    assert "The token ‘Power BI’ was revoked. It no longer works." in done.content.decode()
    assert "Revoked" in done.content.decode()
    client.logout()
    api = client.get(reverse("api:response-list"), headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401


def test_a_token_needs_a_name(client, person):
    client.force_login(person("viewer"))
    answer = client.post(reverse("api:tokens"), {"name": "  ", "lifetime": "30"})
    assert answer.status_code == 400
    assert "Enter a name for the token" in answer.content.decode()
    assert not ApiToken.objects.exists()


def test_someone_elses_token_cannot_be_revoked(client, person, token_for):
    token_for("owner")
    token = ApiToken.objects.get()
    client.force_login(person("liaison"))
    assert client.post(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_documentation_page_describes_the_api(client, person):
    client.force_login(person("viewer"))
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script" not in html.split("</main>")[0].split("<main")[1]
    for words in (
        "Add an update to a response",
        "/api/v1/responses/{id}/updates/",
        "Upload evidence to a response",
        "Authorization: Bearer YOUR-TOKEN",
        "latest_update_on",
        "narrative",
        "one of: red, amber, green",
    ):
        assert words in html, words


def test_docs_api_md_lists_every_csv_column():
    from pathlib import Path

    from oversight.api.exports import FILES

    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    for name, columns in FILES.items():
        section = text.split(f"### {name}.csv")[1].split("###")[0]
        listed = [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]
        assert listed == [c.name for c in columns], name
