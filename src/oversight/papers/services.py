"""The writes about committees, meetings and papers: draft, regenerate, edit, issue, new version.

An issued paper never changes: its sections and the facts they were drawn from are frozen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from django.conf import settings
from django.db import transaction

from oversight import audit, clock
from oversight.accounts.models import Organisation, User
from oversight.accounts.policies import require_liaison
from oversight.accounts.services.structure import name_unused
from oversight.conflicts import EditConflict, check_latest_change
from oversight.dates import long_date
from oversight.papers import compose, selectors
from oversight.papers.models import (
    Committee,
    ItemOrder,
    Meeting,
    Paper,
    PaperSection,
    PaperStatus,
    WordTemplate,
)
from oversight.recommendations.filetypes import RefusedFile, detect

PAPERS_LIAISON_ONLY = "Only the liaison lead prepares committee papers."


@transaction.atomic
def committee_create(
    *,
    organisation: Organisation,
    name: str,
    short_name: str = "",
    standing_text: dict | None = None,
    item_order: str = ItemOrder.THEME,
    names_owners: bool = False,
    actor: User | None = None,
) -> Committee:
    require_liaison(actor, organisation.pk, refusal=PAPERS_LIAISON_ONLY)
    name = _committee_name(organisation.pk, name)
    if item_order not in ItemOrder.values:
        raise ValueError("Choose the order the paper sets out recommendations in")
    return audit.save(
        Committee(
            organisation=organisation,
            name=name,
            short_name=" ".join(short_name.split()),
            standing_text=standing_text or {},
            item_order=item_order,
            names_owners=names_owners,
        ),
        actor=actor,
        reason="Committee added",
    )


@transaction.atomic
def committee_change(
    *,
    committee: Committee,
    actor: User,
    name: str,
    short_name: str,
    expected: int | None,
    item_order: str | None = None,
    names_owners: bool | None = None,
) -> Committee:
    """Rename a committee, or change how its papers are set out (the order of items, whether
    owners are named). Issued papers keep what they were issued with."""
    require_liaison(actor, committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    check_latest_change(committee, expected)
    committee = Committee.objects.get(pk=committee.pk)
    renamed = (name.strip(), " ".join(short_name.split())) != (
        committee.name,
        committee.short_name,
    )
    committee.name = _committee_name(committee.organisation_id, name, exclude=committee.pk)
    committee.short_name = " ".join(short_name.split())
    if item_order is not None:
        if item_order not in ItemOrder.values:
            raise ValueError("Choose the order the paper sets out recommendations in")
        committee.item_order = item_order
    if names_owners is not None:
        committee.names_owners = names_owners
    return audit.save(
        committee, actor=actor, reason="Committee renamed" if renamed else "Committee changed"
    )


def _committee_name(organisation_id: int, name: str, exclude: int | None = None) -> str:
    siblings = Committee.objects.filter(organisation_id=organisation_id)
    return name_unused(siblings, name, "committee", exclude=exclude)


STANDING_KEYS = ("purpose", "peel", "governance", "review_note", "closing")


_KEEP = object()


@transaction.atomic
def committee_standing_text_set(
    *,
    committee: Committee,
    actor: User | None,
    texts: dict[str, str],
    inspection_kinds: dict | None | object = _KEEP,
    expected: str | None = None,
) -> Committee:
    """Change the words every paper for this committee repeats (drafts pick them up when
    regenerated; issued papers keep the words they were issued with).

    `texts` holds any of STANDING_KEYS; an empty text removes that paragraph. The explanation
    of the kinds of inspection is kept unless `inspection_kinds` is given (None removes it).
    """
    require_liaison(actor, committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if expected is not None and expected != standing_digest(committee):
        raise ValueError(
            "Someone else changed this committee's standing text while you were editing it. "
            "Copy your changes, open the page again to see theirs, then make yours again."
        )
    standing = dict(committee.standing_text or {})
    for key in STANDING_KEYS:
        if key in texts:
            value = (texts[key] or "").strip()
            if value:
                standing[key] = value
            else:
                standing.pop(key, None)
    if inspection_kinds is not _KEEP:
        if inspection_kinds:
            standing["inspection_kinds"] = inspection_kinds
        else:
            standing.pop("inspection_kinds", None)
    committee.standing_text = standing
    return audit.save(committee, actor=actor, reason="Standing text changed")


@transaction.atomic
def meeting_create(*, committee: Committee, held_on: dt.date, actor: User | None = None) -> Meeting:
    require_liaison(actor, committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    if Meeting.objects.filter(committee=committee, held_on=held_on).exists():
        raise ValueError(f"{committee} already has a meeting on {long_date(held_on)}")
    return audit.save(Meeting(committee=committee, held_on=held_on), actor=actor)


def _generate(paper: Paper) -> list[compose.ComposedSection]:
    facts = selectors.paper_facts(paper.meeting, paper.period_start, paper.period_end)
    paper.data = facts
    paper.drawn = compose.drawn(facts)
    paper.generated_at = clock.now()
    return compose.compose(facts)


def _apply(paper: Paper, composed: list[compose.ComposedSection], actor: User | None) -> None:
    existing = {s.key: s for s in paper.sections.all()}
    for position, c in enumerate(composed, 1):
        section = existing.get(c.key) or PaperSection(paper=paper, key=c.key)
        section.position = position
        if not section.pk or not section.is_edited:
            section.heading = c.heading
        section.is_annex = c.is_annex
        section.generated = c.text
        audit.save(section, actor=actor, reason="Generated from the record")


@transaction.atomic
def paper_draft_create(
    *,
    meeting: Meeting,
    actor: User | None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    title: str = "HMICFRS update",
) -> Paper:
    """Assemble a draft from the record, covering the period since the last issued paper."""
    require_liaison(actor, meeting.committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    default_start, default_end = selectors.default_period(meeting)
    start, end = period_start or default_start, period_end or default_end
    if start > end:
        raise ValueError("The period must start before it ends")
    if Paper.objects.filter(meeting=meeting, status=PaperStatus.DRAFT).exists():
        raise ValueError("This meeting already has a draft paper: open it to carry on")
    version = (
        Paper.objects.filter(meeting=meeting)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    paper = Paper(
        meeting=meeting,
        version=version,
        title=title,
        period_start=start,
        period_end=end,
        created_by=actor,
    )
    composed = _generate(paper)
    audit.save(paper, actor=actor, reason="Draft assembled from the record")
    _apply(paper, composed, actor)
    return paper


def _lock_draft(paper: Paper) -> Paper:
    current = Paper.objects.select_for_update().get(pk=paper.pk)
    if current.is_issued:
        raise ValueError("This paper has been issued and cannot change: make a new version")
    return current


@transaction.atomic
def paper_regenerate(*, paper: Paper, actor: User) -> list[PaperSection]:
    """Draw the sections again from the record. Human edits are kept; returns the sections
    whose record has changed under an edit, so the page can say so."""
    require_liaison(actor, paper.meeting.committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    current = _lock_draft(paper)
    composed = _generate(current)
    current.lock_version += 1
    audit.save(current, actor=actor, reason="Regenerated from the record")
    _apply(current, composed, actor)
    return [s for s in current.sections.all() if s.record_changed_under_edit]


@transaction.atomic
def section_edit(
    *, section: PaperSection, actor: User, text: str, heading: str, expected: str | None
) -> PaperSection:
    """The liaison's words replace the generated ones for this section.

    `expected` is `section_digest()` of the section the form was drawn from: if someone else
    saved the section since, the save is refused with what changed. (A fingerprint, not the
    text itself: browsers rewrite line breaks in form fields.)"""
    paper = section.paper
    require_liaison(actor, paper.meeting.committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    _lock_draft(paper)
    current = PaperSection.objects.select_for_update().get(pk=section.pk)
    if expected is not None and section_digest(current) != expected:
        who = current.edited_by.display_name if current.edited_by else "Someone"
        raise EditConflict(
            [
                {
                    "field": current.heading,
                    "old": "the text you started from",
                    "new": "a newer text (shown below)",
                }
            ],
            who,
            current.edited_at,
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as browsers send line breaks
    if not text.strip():
        raise ValueError("Enter the text of the section, or undo your edits")
    current.heading = heading.strip() or current.heading
    if text.strip() == current.generated.strip():
        current.edited = ""
        current.generated_when_edited = ""
    else:
        current.edited = text.strip()
        current.generated_when_edited = current.generated
    current.edited_by = actor
    current.edited_at = clock.now()
    return audit.save(current, actor=actor, reason=f"Section edited: {current.heading}")


@transaction.atomic
def section_undo_edit(*, section: PaperSection, actor: User) -> PaperSection:
    """Go back to the generated text."""
    paper = section.paper
    require_liaison(actor, paper.meeting.committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    _lock_draft(paper)
    current = PaperSection.objects.select_for_update().get(pk=section.pk)
    current.edited = ""
    current.generated_when_edited = ""
    return audit.save(current, actor=actor, reason=f"Edits undone: {current.heading}")


@transaction.atomic
def paper_issue(*, paper: Paper, actor: User) -> Paper:
    """Freeze the paper as it stands: its words and the facts they were drawn from."""
    require_liaison(actor, paper.meeting.committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    current = _lock_draft(paper)
    stale = [s.heading for s in current.sections.all() if s.record_changed_under_edit]
    if stale:
        raise ValueError(
            "The record has changed under your edits of: "
            + ", ".join(stale)
            + ". Check those sections (keep or undo your edits) before issuing."
        )
    current.status = PaperStatus.ISSUED
    current.issued_by = actor
    current.issued_at = clock.now()
    return audit.save(current, actor=actor, reason="Issued")


@transaction.atomic
def paper_new_version(*, paper: Paper, actor: User) -> Paper:
    """A later change to an issued paper makes a new draft version; the issued one stays."""
    require_liaison(actor, paper.meeting.committee.organisation_id, refusal=PAPERS_LIAISON_ONLY)
    if not paper.is_issued:
        raise ValueError("This paper is still a draft: edit it")
    if Paper.objects.filter(meeting=paper.meeting, status=PaperStatus.DRAFT).exists():
        raise ValueError("This meeting already has a draft paper")
    latest = Paper.objects.filter(meeting=paper.meeting).order_by("-version").first()
    draft = Paper(
        meeting=paper.meeting,
        version=(latest.version if latest else paper.version) + 1,
        title=paper.title,
        period_start=paper.period_start,
        period_end=paper.period_end,
        created_by=actor,
    )
    composed = _generate(draft)
    audit.save(draft, actor=actor, reason=f"New version of version {paper.version}")
    for old in paper.sections.all():  # carry the human edits over
        audit.save(
            PaperSection(
                paper=draft,
                key=old.key,
                position=old.position,
                heading=old.heading,
                is_annex=old.is_annex,
                generated=old.generated,
                edited=old.edited,
                generated_when_edited=old.generated_when_edited,
                edited_by=old.edited_by,
                edited_at=old.edited_at,
            ),
            actor=actor,
        )
    _apply(draft, composed, actor)
    return draft


@transaction.atomic
def word_template_upload(*, organisation: Organisation, actor: User, upload) -> WordTemplate:
    """An organisation's own Word template: a .docx, checked by content."""
    require_liaison(actor, organisation.pk, refusal=PAPERS_LIAISON_ONLY)

    head = upload.read(64 * 1024)
    upload.seek(0)
    detected = detect(
        head,
        name=upload.name or "",
        size=upload.size or 0,
        max_size=settings.OVERSIGHT_TEMPLATE_MAX_BYTES,
        read_all=lambda: _read(upload),
    )
    if detected.kind != "docx":
        raise RefusedFile("Upload a Word document (.docx) to use as the template.")
    data = _read(upload)
    try:  # a template whose placeholders cannot be filled would break every export later
        from docxtpl import DocxTemplate

        DocxTemplate(io.BytesIO(data)).render(
            {k: k for k in ("organisation", "committee", "meeting", "title", "marking")},
            autoescape=True,
        )
    except Exception as exc:  # docxtpl raises Jinja2 and XML errors of many kinds
        raise RefusedFile(
            "Oversight could not fill this template's placeholders. Use only "
            "{{ organisation }}, {{ committee }}, {{ meeting }}, {{ title }} and {{ marking }}, "
            f"each written in full ({type(exc).__name__})."
        ) from exc
    WordTemplate.objects.filter(organisation=organisation, is_active=True).update(is_active=False)
    template = WordTemplate(
        organisation=organisation,
        original_name=upload.name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    template.file.save("template.docx", upload, save=False)
    return audit.save(template, actor=actor, reason="Word template uploaded")


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def section_digest(section: PaperSection) -> str:
    """A fingerprint of a section's words, to tell whether someone changed them meanwhile."""
    return _digest(section.text)


def standing_digest(committee: Committee) -> str:
    """A fingerprint of the standing text, to tell whether someone changed it meanwhile."""
    import json

    return _digest(json.dumps(committee.standing_text or {}, sort_keys=True))


def _digest(text: str) -> str:
    return hashlib.sha256((text or "").strip().encode()).hexdigest()
