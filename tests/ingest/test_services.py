"""The import services: preview, confirm in one transaction or not at all, re-import, tracker
versions, row problems, who may import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from oversight.accounts.models import Role
from oversight.ingest.extraction import RowProblem, UnreadableFile
from oversight.ingest.models import BatchStatus, ImportBatch, ImportedRecord
from oversight.ingest.services import (
    ImportBlocked,
    ImportRefused,
    ingest_cancel,
    ingest_confirm,
    ingest_preview,
    ingest_remap,
)
from oversight.inspections.models import Inspection, Report
from oversight.recommendations import services as recommendation_services
from oversight.recommendations.models import (
    Recommendation,
    RecommendationKind,
    Response,
    ResponseStatus,
    Update,
)
from tests.factories import (
    OrganisationFactory,
    RecommendationFactory,
    ReportFactory,
    ResponseFactory,
    UserFactory,
)
from tests.ingest.builders import committee_paper, row, tracker

V1 = b"tracker version 1"
V2 = b"tracker version 2"


def upload(data: bytes, name: str = "tracker.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def v1_rows():
    return [
        row(
            2,
            "9159",
            "Chief constables should record hate crime accurately.",
            owner="Olivia Owen",
            rag="Amber",
            status="In progress",
            progress="Training has started.",
        ),
        row(3, "9160", "Chief constables should give victims a named contact.", rag="Green"),
        row(4, None, "The force should publish its hate crime figures every quarter."),
    ]


def counts() -> dict[str, int]:
    return {
        "recommendations": Recommendation.objects.count(),
        "responses": Response.objects.count(),
        "updates": Update.objects.count(),
        "reports": Report.objects.count(),
        "inspections": Inspection.objects.count(),
        "links": ImportedRecord.objects.count(),
        "history": Recommendation.history.count() + Response.history.count(),
    }


@pytest.fixture
def v1(reader, liaison, owner):
    reader.build = lambda data, name, cmap: tracker(v1_rows(), data=data, name=name)
    return ingest_preview(actor=liaison, upload=upload(V1))


def test_preview_writes_only_the_batch_and_says_what_would_happen(v1, liaison):
    before = counts()
    assert before["recommendations"] == 0
    batch, plan = v1.batch, v1.plan
    assert batch.status == BatchStatus.PREVIEWED
    assert batch.file_name == "tracker.csv" and batch.kind == "tracker"
    assert bytes(batch.content) == V1
    assert [p.found.reference for p in plan.to_create] == ["9159", "9160", None]
    assert plan.to_create[0].owner.username == "olivia"
    assert plan.to_create[0].rag == "amber"
    assert [r.title for r in plan.reports_to_create] == [
        "Understanding the difference: the initial police response to hate crime"
    ]


def test_confirm_imports_everything_with_its_history_and_links(v1, liaison, owner):
    result = ingest_confirm(batch=v1.batch, actor=liaison)
    assert result.counts["recommendations_created"] == 3
    assert result.counts["reports_created"] == 1
    assert "3 recommendations created" in result.message
    batch = ImportBatch.objects.get(pk=v1.batch.pk)
    assert batch.status == BatchStatus.IMPORTED and batch.decided_by == liaison
    assert bytes(batch.content) == b""  # the file is not kept once imported
    first = Response.objects.get(recommendation__reference="9159")
    assert first.owner == owner and first.rag == "amber"
    assert first.status == ResponseStatus.IN_PROGRESS
    assert first.updates.get().narrative == "Training has started."
    assert first.updates.get().author == liaison
    reason = f"Imported from tracker.csv (SHA-256 {batch.sha256[:12]}…)"
    assert first.recommendation.history.earliest("history_date").history_change_reason == reason
    assert first.history.earliest("history_date").history_change_reason == reason
    assert first.history.earliest("history_date").history_user == liaison
    report = first.recommendation.report
    assert report.organisation == liaison.organisation  # not shared with other forces
    assert report.history.get().history_change_reason == reason
    linked = set(
        batch.records.exclude(recommendation=None).values_list("recommendation", flat=True)
    )
    assert linked == set(Recommendation.objects.values_list("pk", flat=True))


def test_the_second_creation_failing_leaves_nothing_written(v1, liaison, monkeypatch):
    before = counts()
    real = recommendation_services.recommendation_create
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(recommendation_services, "recommendation_create", fail_on_second)
    with pytest.raises(RuntimeError):
        ingest_confirm(batch=v1.batch, actor=liaison)
    assert len(calls) == 2  # the first was written, then rolled back
    assert counts() == before
    batch = ImportBatch.objects.get(pk=v1.batch.pk)
    assert batch.status == BatchStatus.PREVIEWED and bytes(batch.content) == V1

    monkeypatch.setattr(recommendation_services, "recommendation_create", real)
    ingest_confirm(batch=batch, actor=liaison)  # and it goes through afterwards
    assert Recommendation.objects.count() == 3


def test_importing_the_same_file_again_changes_nothing_and_says_so(v1, liaison):
    ingest_confirm(batch=v1.batch, actor=liaison)
    before = counts()
    again = ingest_preview(actor=liaison, upload=upload(V1, "renamed copy.csv"))
    assert again.already and again.batch == v1.batch
    assert ImportBatch.objects.count() == 1  # no new batch
    result = ingest_confirm(batch=again.batch, actor=liaison)
    assert result.nothing_changed
    assert "tracker.csv was already imported on" in result.message
    assert "Nothing was changed" in result.message
    assert counts() == before


def test_two_previews_of_one_file_import_once(reader, liaison, owner):
    reader.build = lambda data, name, cmap: tracker(v1_rows(), data=data, name=name)
    first = ingest_preview(actor=liaison, upload=upload(V1))
    second = ingest_preview(actor=liaison, upload=upload(V1))
    ingest_confirm(batch=first.batch, actor=liaison)
    before = counts()
    result = ingest_confirm(batch=second.batch, actor=liaison)
    assert result.nothing_changed and result.previous == first.batch
    assert counts() == before
    assert ImportBatch.objects.get(pk=second.batch.pk).status == BatchStatus.CANCELLED


def test_a_later_tracker_updates_the_rows_it_matches(v1, reader, liaison, owner, org):
    ingest_confirm(batch=v1.batch, actor=liaison)
    newcomer = UserFactory(
        organisation=org, role=Role.OWNER, first_name="Priya", last_name="Patel", username="pp"
    )
    first = Response.objects.get(recommendation__reference="9159")
    second = Response.objects.get(recommendation__reference="9160")
    version = first.version
    history = Response.history.count()
    second_history = second.history.count()  # opened, then rated green as the file said
    reader.build = lambda data, name, cmap: tracker(
        [
            # same progress text (spaced differently): no new update; RAG, status, owner, due change
            row(
                2,
                "9159",
                "Chief constables should record hate crime accurately.",
                owner="DCI Priya Patel",
                rag="Red",
                status="Ready for closure",
                due_date=dt.date(2023, 3, 31),
                progress="Training  has started.",
            ),
            # nothing new
            row(3, "9160", "Chief constables should give victims a named contact.", rag="G"),
            # no reference, nearly the same text: matched, and a new update
            row(
                4,
                None,
                "The force should publish its hate-crime figures every quarter!",
                progress="Figures for Q1 published.",
            ),
            row(5, "9999", "A recommendation added since the first version."),
        ],
        data=data,
        name=name,
    )
    preview = ingest_preview(actor=liaison, upload=upload(V2, "tracker v2.csv"))
    plan = preview.plan
    assert [p.action for p in plan.recommendations] == ["update", "unchanged", "update", "create"]
    # each change goes through the workflow: the closure is a request, not a status
    assert plan.recommendations[0].changes == [
        "Owner: Olivia Owen → Priya Patel",
        "RAG: Amber → Red",
        "Due date set: 31 March 2023",
        "Closure requested (the file says “Ready for closure”): it waits for the evidence "
        "check and sign-off; the file does not close it",
    ]
    assert plan.recommendations[2].how.startswith("nearly the same text")
    result = ingest_confirm(batch=preview.batch, actor=liaison)
    assert result.counts["responses_updated"] == 2
    assert result.counts["recommendations_created"] == 1
    first.refresh_from_db()
    assert (first.rag, first.status, first.owner) == ("red", "ready_for_closure", newcomer)
    assert first.due_on == dt.date(2023, 3, 31)
    assert first.version == version + 4  # assigned, rated, due date set, closure requested
    assert first.closures.get().stage == "requested"
    assert first.updates.count() == 1  # the same text is not added twice
    assert first.history.latest("history_date").history_change_reason.startswith(
        "Imported from tracker v2.csv (SHA-256 "
    )
    second.refresh_from_db()
    assert second.history.count() == second_history == 2 and second.rag == "green"
    third = Response.objects.get(recommendation__text__startswith="The force should publish")
    assert [u.narrative for u in third.updates.all()] == ["Figures for Q1 published."]
    assert Recommendation.objects.count() == 4
    assert Response.history.count() > history
    updated = preview.batch.records.filter(action="updated")
    assert {r.response_id for r in updated} == {first.pk, third.pk}


def test_rows_with_problems_block_the_import_until_skipped(reader, liaison, owner):
    reader.build = lambda data, name, cmap: tracker(
        v1_rows(),
        data=data,
        problems=[RowProblem(3, "Due date", "“next spring” is not a date")],
    )
    preview = ingest_preview(actor=liaison, upload=upload(b"with a bad row"))
    assert preview.plan.problem_rows == [3]
    before = counts()
    with pytest.raises(ImportBlocked) as refused:
        ingest_confirm(batch=preview.batch, actor=liaison)
    assert refused.value.rows == [3]
    assert "Row 3 has a problem" in str(refused.value)
    assert counts() == before
    result = ingest_confirm(batch=preview.batch, actor=liaison, skip_rows=[3])
    assert result.counts["recommendations_created"] == 2
    assert result.counts["rows_skipped"] == 1
    assert not Recommendation.objects.filter(reference="9160").exists()
    assert ImportBatch.objects.get(pk=preview.batch.pk).skipped_rows == [3]


def test_the_same_recommendation_twice_in_a_file_is_a_row_problem(reader, liaison):
    rows = v1_rows() + [row(5, "9159", "Chief constables should record hate crime accurately.")]
    reader.build = lambda data, name, cmap: tracker(rows, data=data)
    plan = ingest_preview(actor=liaison, upload=upload(b"dupe")).plan
    assert [(p.row, p.reason) for p in plan.problems] == [(5, "The same recommendation as row 2")]


def test_matches_only_what_the_organisation_can_see(reader, liaison, org):
    other = OrganisationFactory(name="Other Force Police")
    theirs = RecommendationFactory(reference="9159", report=ReportFactory(organisation=other))
    national = RecommendationFactory(
        reference="9160",
        text="Chief constables should give victims a named contact.",
        report=ReportFactory(organisation=None),
    )
    ResponseFactory(organisation=other, recommendation=national)
    reader.build = lambda data, name, cmap: tracker(v1_rows(), data=data)
    plan = ingest_preview(actor=liaison, upload=upload(V1)).plan
    by_ref = {p.found.reference: p for p in plan.recommendations}
    assert by_ref["9159"].action == "create"  # another force's report is not ours to match
    assert by_ref["9160"].action == "take_on" and by_ref["9160"].recommendation == national
    assert theirs.pk not in [p.recommendation.pk for p in plan.matched]


def test_text_matching_needs_nine_tenths_alike(reader, liaison, org):
    existing = RecommendationFactory(
        reference="",
        text="The force should publish its hate crime figures every quarter.",
        report=ReportFactory(organisation=org),
    )
    reader.build = lambda data, name, cmap: tracker(
        [
            row(2, None, "the force should publish its hate crime figures every quarter"),
            row(3, None, "The force should publish its knife crime figures every year."),
        ],
        data=data,
    )
    plan = ingest_preview(actor=liaison, upload=upload(b"texts")).plan
    assert plan.recommendations[0].recommendation == existing
    assert plan.recommendations[1].action == "create"


def test_only_the_liaison_of_the_organisation_imports(reader, liaison, owner, org):
    reader.build = lambda data, name, cmap: tracker(v1_rows(), data=data)
    with pytest.raises(PermissionDenied):
        ingest_preview(actor=owner, upload=upload(V1))
    preview = ingest_preview(actor=liaison, upload=upload(V1))
    stranger = UserFactory(
        organisation=OrganisationFactory(name="Other Force Police"), role=Role.LIAISON
    )
    for who in (owner, stranger):
        with pytest.raises(PermissionDenied):
            ingest_confirm(batch=preview.batch, actor=who)
        with pytest.raises(PermissionDenied):
            ingest_cancel(batch=preview.batch, actor=who)
    assert Recommendation.objects.count() == 0


def test_cancel_drops_the_file_and_refuses_a_later_confirm(v1, liaison):
    ingest_cancel(batch=v1.batch, actor=liaison)
    batch = ImportBatch.objects.get(pk=v1.batch.pk)
    assert batch.status == BatchStatus.CANCELLED and bytes(batch.content) == b""
    with pytest.raises(ImportRefused, match="cancelled"):
        ingest_confirm(batch=batch, actor=liaison)
    assert Recommendation.objects.count() == 0


def test_remap_reads_the_file_again_with_the_columns_chosen(reader, liaison):
    def build(data, name, cmap):
        if cmap and cmap.get(1) == "text":
            return tracker([row(2, "1", "Text from the second column")], data=data)
        return tracker([], data=data, problems=[RowProblem(2, "Recommendation", "No text")])

    reader.build = build
    preview = ingest_preview(actor=liaison, upload=upload(b"odd headers"))
    assert preview.plan.problem_rows == [2]
    again = ingest_remap(batch=preview.batch, actor=liaison, column_map={0: "reference", 1: "text"})
    assert reader.calls[-1]["column_map"] == {0: "reference", 1: "text"}
    assert reader.calls[-1]["data"] == b"odd headers"
    assert [p.found.text for p in again.plan.to_create] == ["Text from the second column"]
    batch = ImportBatch.objects.get(pk=preview.batch.pk)
    assert batch.column_map == {"0": "reference", "1": "text"}


def test_a_file_too_big_is_refused_before_it_is_read(reader, liaison, settings):
    settings.OVERSIGHT_IMPORT_MAX_BYTES = 1024
    reader.build = lambda data, name, cmap: tracker([], data=data)
    with pytest.raises(UnreadableFile, match="the largest file that can be imported is"):
        ingest_preview(actor=liaison, upload=upload(b"x" * 2048))
    assert reader.calls == [] and ImportBatch.objects.count() == 0


def test_an_empty_file_is_refused(reader, liaison):
    reader.build = lambda data, name, cmap: tracker([], data=data)
    with pytest.raises(UnreadableFile, match="empty"):
        ingest_preview(actor=liaison, upload=upload(b""))


def test_a_committee_paper_brings_its_report_inspection_and_concern(reader, liaison, org):
    thames = OrganisationFactory(name="Thames Valley Police")
    reader.build = lambda data, name, cmap: committee_paper()
    preview = ingest_preview(actor=liaison, upload=upload(b"paper", "jac-paper.txt"))
    plan = preview.plan
    assert [p.action for p in plan.recommendations] == ["create", "create", "not_imported"]
    assert plan.warnings == ["The date of the JTAI was not given"]
    ingest_confirm(batch=preview.batch, actor=liaison)
    report = Report.objects.get(title="PEEL 2021/22: an inspection of the force")
    assert report.published_on == dt.date(2022, 3, 1)
    assert [f.text for f in report.findings.all()] == ["The force is good at investigating crime."]
    # recorded by the service a person uses, the file named in its trail
    (trail,) = report.findings.get().history.values_list("history_change_reason", flat=True)
    assert trail.startswith("Imported from jac-paper.txt") and trail.endswith("Finding recorded")
    concern = Recommendation.objects.get(reference="C1")
    assert concern.kind == RecommendationKind.CAUSE_OF_CONCERN
    child = Recommendation.objects.get(reference="9301")
    assert child.cause_of_concern == concern
    assert child.due_on == dt.date(2022, 9, 1)  # six months from publication
    update = Update.objects.get(response__recommendation=child)
    assert update.written_on == dt.date(2022, 5, 3)
    assert update.narrative == "Inspectorate status: in progress. Plan agreed"
    inspection = Inspection.objects.get(title="Vetting, misconduct and misogyny")
    assert inspection.organisation == org and inspection.start_text == "W/C 4th April"
    assert [p.organisation for p in inspection.participants.all()] == [thames]
    assert "Nowhere Constabulary" in inspection.participants_note
    assert not Recommendation.objects.filter(text__contains="problem-solving").exists()
