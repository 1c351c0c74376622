"""The search index is written after the commit that saves a record, by the one write path
(audit.save and audit.delete, which the services use), not by signals: a real commit here
(transactional_db, no capture of the callbacks), a rollback, a deletion, a failing index."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from oversight import audit, indexing
from oversight.accounts.models import Organisation, Role
from oversight.accounts.reference_data import load_reference_organisations
from oversight.dashboards.models import SearchEntry
from oversight.dashboards.search import index, search
from oversight.inspections import services as inspection_services
from oversight.recommendations import services
from tests.factories import ReportFactory, ResponseFactory, UserFactory


@pytest.fixture
def committed(transactional_db):
    """Real commits (no test transaction around the test), from a database an earlier one may
    have emptied (the browser tests flush theirs): the inspectorates the factories name are
    put back first."""
    load_reference_organisations(Organisation)


def _people(response):
    org = response.organisation
    return (
        UserFactory(organisation=org, role=Role.OWNER),
        UserFactory(organisation=org, role=Role.LIAISON),
        UserFactory(organisation=org, role=Role.VIEWER),
    )


def test_an_update_a_service_writes_is_found_once_its_transaction_commits(committed):
    response = ResponseFactory(recommendation__text="Publish the custody plan")
    owner, _, reader = _people(response)
    response.owner = owner
    response.save()  # a factory's row (not indexed: a response has no entry of its own)
    with transaction.atomic():
        services.update_add(
            response=response,
            author=owner,
            written_on=dt.date(2026, 11, 30),
            narrative="The zebrafish protocol is agreed",
        )
        # inside the transaction the index has not been written: a rollback would leave it
        assert not SearchEntry.objects.filter(kind="update").exists()
    found = search(reader, "zebrafish")
    assert found.total == 1
    assert str(found.hits[0].title).startswith("Update of 30 November 2026 on ")


def test_a_write_that_rolls_back_leaves_nothing_in_the_index(committed):
    response = ResponseFactory(recommendation__text="original words")
    index.rebuild()
    rec = response.recommendation
    with pytest.raises(RuntimeError), transaction.atomic():
        rec.text = "phantom wording"
        audit.save(rec, actor=None, reason="Corrected")
        raise RuntimeError("the form failed after the save")
    _, _, reader = _people(response)
    assert search(reader, "phantom").total == 0
    # the record noted in the rolled-back write is read again at the next commit: as it is
    other = ResponseFactory(organisation=response.organisation, recommendation__text="kestrel")
    audit.save(other.recommendation, actor=None, reason="Recorded")
    assert search(reader, "kestrel").total == 1
    assert search(reader, "phantom").total == 0
    assert search(reader, "original").total == 1


def test_a_deleted_finding_leaves_the_index_after_the_commit(committed):
    response = ResponseFactory()
    _, liaison, reader = _people(response)
    report = ReportFactory(organisation=response.organisation)
    (finding,) = inspection_services.findings_add(
        report=report,
        heading="Vetting",
        texts=["Ocelot checks are late"],
        organisation=response.organisation,
        actor=liaison,
    )
    assert search(reader, "ocelot").total == 1
    inspection_services.finding_delete(finding=finding, actor=liaison)
    assert search(reader, "ocelot").total == 0
    assert not SearchEntry.objects.filter(kind="finding", object_id=finding.pk).exists()


def test_an_index_that_fails_does_not_undo_the_save_and_is_written_at_the_next_commit(
    committed, monkeypatch, caplog
):
    """The record is committed before the index is written: a failure there is logged, the
    person's save stands, and the record stays noted until a later commit writes it."""
    response = ResponseFactory(recommendation__text="heron")
    _, _, reader = _people(response)
    rec = response.recommendation

    def broken(noted):
        raise RuntimeError("the index is unavailable")

    monkeypatch.setattr(indexing, "_indexer", broken)
    rec.text = "osprey"
    audit.save(rec, actor=None, reason="Corrected")
    rec.refresh_from_db()
    assert rec.text == "osprey"
    assert "the index is unavailable" in caplog.text
    monkeypatch.undo()
    assert search(reader, "osprey").total == 0  # not yet written
    other = ResponseFactory(organisation=response.organisation, recommendation__text="egret")
    audit.save(other.recommendation, actor=None, reason="Recorded")  # the next commit
    assert search(reader, "osprey").total == 1
    assert search(reader, "egret").total == 1


def test_a_deletion_takes_the_entries_of_what_it_cascades_to(committed):
    response = ResponseFactory()
    _, liaison, reader = _people(response)
    report = ReportFactory(organisation=response.organisation)
    inspection_services.findings_add(
        report=report,
        heading="Custody",
        texts=["Pelican cells are cold", "Pelican records are late"],
        organisation=response.organisation,
        actor=liaison,
    )
    assert search(reader, "pelican").total == 2
    audit.delete(report, actor=liaison, reason="Recorded in error")  # its findings go with it
    assert search(reader, "pelican").total == 0


def test_a_report_made_our_own_takes_its_recommendations_out_of_everyone_elses_search(
    committed,
):
    """A recommendation's entry carries its report's organisation, which scopes the search: a
    national report made the organisation's own re-scopes its recommendations' entries."""
    response = ResponseFactory(recommendation__text="The flamingo standard")
    report = response.recommendation.report
    _, liaison, _ = _people(response)
    elsewhere = UserFactory(role=Role.VIEWER)  # another force
    report.organisation = None
    audit.save(report, actor=liaison, reason="National")
    audit.save(response.recommendation, actor=liaison, reason="Recorded")
    assert search(elsewhere, "flamingo").total == 1  # national: shared by every force
    inspection_services.report_edit(
        report=report,
        actor=liaison,
        expected_version=report.version,
        title=report.title,
        inspectorate=report.inspectorate,
        organisation=response.organisation,
        published_on=dt.date(2026, 11, 1),
        inspection=None,
        summary="",
        url="",
        reference="",
    )
    assert search(elsewhere, "flamingo").total == 0
    entry = SearchEntry.objects.get(kind="recommendation", object_id=response.recommendation.pk)
    assert (entry.organisation_id, entry.dated) == (
        response.organisation.pk,
        dt.date(2026, 11, 1),
    )


def test_only_the_searchable_records_are_noted(db, django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        audit.save(person, actor=None, reason="Name corrected")
    assert callbacks == []  # a person is not in the index: nothing waits for the commit
    response = ResponseFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        audit.save(response.recommendation, actor=None, reason="Corrected")
    assert len(callbacks) == 1
