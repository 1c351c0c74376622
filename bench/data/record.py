"""The bench record's recommendations, responses, updates and evidence."""

from __future__ import annotations

import datetime as dt
import hashlib

from bench.data.vocabulary import (
    ANCHOR,
    BOARDS,
    MONTHS,
    NEXT_STEPS,
    OUTCOMES,
    PROGRESS,
    SHOWCASE_EVIDENCE,
    SHOWCASE_UPDATES,
    THEMES,
    THINGS,
    VERBS,
)
from bench.data.writer import _add_months, _at, _shares, tiny_pdf


class Record:
    """The second half of the generator: what was asked, and each organisation's response."""

    def recommendations(self) -> None:
        from oversight.recommendations.models import Recommendation

        rng, w = self.rng, self.w
        total = self.n["recommendations"]
        fan = len(self.responders)
        national = max(1, min(total, round((self.n["responses"] - total) / (fan - 1))))
        pk = w.next_id(Recommendation)
        # (rec id, organisation id or None for national, published, due, kind)
        self.recs: list[tuple[int, int | None, dt.date, dt.date | None, str]] = []
        ref = 9000
        for i in range(national):
            report, published = self.national_reports[i % len(self.national_reports)]
            ref += 1
            due = self._rec(pk, report, "national_recommendation", str(ref), published, i)
            self.recs.append((pk, None, published, due, "national_recommendation"))
            pk += 1
        force_total = total - national
        weights = [self.weight[f_org] for _, f_org, _ in self.force_reports]
        per_report = _shares(force_total, weights)
        for (report, org, published), count in zip(self.force_reports, per_report, strict=True):
            concern = None
            for j in range(count):
                roll = rng.random()
                kind = (
                    "cause_of_concern"
                    if roll < 0.04
                    else "recommendation"
                    if roll < 0.30
                    else "area_for_improvement"
                )
                reference = ""
                if kind != "area_for_improvement":
                    ref += 1
                    reference = str(ref)
                under = concern if kind == "recommendation" and concern and roll < 0.15 else None
                due = self._rec(pk, report, kind, reference, published, j, under=under)
                if kind == "cause_of_concern":
                    concern = pk
                self.recs.append((pk, org, published, due, kind))
                pk += 1

    def _rec(self, pk, report, kind, reference, published, j, *, under=None) -> dt.date | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            months = rng.choice([3, 6, 9, 12, 18, 24])
            words = ["three", "six", "nine", "twelve", "eighteen", "twenty-four"]
            deadline = f"Within {words[[3, 6, 9, 12, 18, 24].index(months)]} months"
            due, dkind = _add_months(published, months), "relative"
        elif roll < 0.8:
            due = _add_months(published, rng.choice([6, 12, 18]))
            due = dt.date(due.year, due.month, 28)
            deadline, dkind = f"By {due.day} {due:%B %Y}", "fixed"
        elif roll < 0.85:
            due, deadline, dkind = published, "Immediately", "immediate"
        else:
            due, deadline, dkind = None, "", "none"
        theme = rng.choice(THEMES)
        text = (
            f"By {deadline.lower() or 'the next inspection'}, the force should "
            f"{rng.choice(VERBS)} {rng.choice(THINGS)} so that {rng.choice(OUTCOMES)}."
        )
        created = _at(published, rng)
        from oversight.recommendations.models import Recommendation

        row = {
            "id": pk,
            "report_id": report,
            "kind": kind,
            "reference": reference,
            "number": str(j + 1),
            "theme": theme,
            "text": text,
            "audience": ["Chief constables"] if kind == "national_recommendation" else [],
            "deadline_text": deadline,
            "deadline_kind": dkind,
            "due_on": due,
            "cause_of_concern_id": under,
            "concern_status": rng.choice(["open", "revisited", "discharged"])
            if kind == "cause_of_concern"
            else "",
            "created_at": created,
            "updated_at": created,
        }
        self.w.add(Recommendation, row, history=[("+", created, None)])
        if self.search.model is not None:
            from oversight.inspections.models import Report

            obj = Recommendation(**row)
            obj.report = Report(id=report, published_on=published)
            self.search.add("recommendation", obj)
            self.rec_objs[pk] = obj
        return due

    def responses(self) -> None:
        from oversight.recommendations.models import Response

        rng, w = self.rng, self.w
        pk = w.next_id(Response)
        # (response id, org, owner, created, end (closed_on or ANCHOR), recommendation id)
        self.resps: list[tuple[int, int, int | None, dt.date, dt.date, str]] = []
        zipf = {org: [1 / (r + 1) ** 1.1 for r in range(len(o))] for org, o in self.owners.items()}
        self.showcase = None
        for rec, org, published, due, _kind in self.recs:
            for responder in [org] if org else [o.pk for o in self.responders]:
                owners = self.owners[responder]
                owner = (
                    rng.choices(owners, zipf[responder])[0]
                    if owners and rng.random() > 0.04
                    else None
                )
                age = (ANCHOR - published).days / 365
                closed = rng.random() < min(0.96, 0.2 + 0.17 * age)
                if self.showcase is None and responder == self.bench_org.pk:
                    # the bench response with many updates: open, owned by the busiest owner
                    self.showcase, owner, closed = pk, owners[0], False
                closed_on = None
                if closed:
                    status = rng.choices(
                        ["closed", "closed_by_inspectorate", "superseded"], [75, 15, 10]
                    )[0]
                    closed_on = min(ANCHOR, _add_months(published, rng.randrange(3, 48)))
                    rag = "blue"
                else:
                    status = rng.choices(
                        ["open", "in_progress", "ready_for_closure", "submitted"], [25, 55, 12, 8]
                    )[0]
                    rag = rng.choices(["red", "amber", "green", ""], [15, 45, 35, 5])[0]
                revised = None
                if not closed and due and rng.random() < 0.1:
                    revised = _add_months(due, rng.choice([3, 6, 12]))
                created = _at(published + dt.timedelta(days=rng.randrange(1, 30)), rng)
                end = closed_on or ANCHOR
                updated = _at(max(created.date(), end - dt.timedelta(days=rng.randrange(90))), rng)
                liaison = self.staff[responder]["liaison"][0]
                history = [("+", created, liaison)]
                if status != "open":
                    history.append(("~", updated, liaison))
                w.add(
                    Response,
                    {
                        "id": pk,
                        "organisation_id": responder,
                        "recommendation_id": rec,
                        "owner_id": owner,
                        "portfolio_id": rng.choice(self.portfolios[responder]),
                        "board_id": rng.choice(self.boards[responder]),
                        "rag": rag,
                        "status": status,
                        "revised_due_on": revised,
                        "revised_due_reason": "Supplier delay" if revised else "",
                        "next_review_on": None
                        if closed
                        else ANCHOR + dt.timedelta(days=rng.randrange(-60, 91)),
                        "closed_on": closed_on,
                        "version": len(history),
                        "created_at": created,
                        "updated_at": updated,
                    },
                    history=history,
                )
                self.resps.append((pk, responder, owner, created.date(), end, rec))
                pk += 1
        self.result.showcase_response_id = self.showcase or 0

    def updates(self) -> None:
        from oversight.recommendations.models import Evidence, Update

        rng, w = self.rng, self.w
        n_resp = len(self.resps)
        weights = [min(12.0, rng.paretovariate(2.2)) for _ in range(n_resp)]
        per = _shares(max(0, self.n["updates"] - SHOWCASE_UPDATES), weights)
        p_evidence = self.n["evidence"] / max(1, self.n["updates"])
        pool = self._evidence_pool()
        upk, epk = w.next_id(Update), w.next_id(Evidence)
        searching = self.search.model is not None
        narratives = [self._narrative() for _ in range(min(5000, max(200, self.n["updates"])))]
        for (rpk, org, owner, created, end, rec), count in zip(self.resps, per, strict=True):
            evidence_left = 0
            if rpk == self.showcase:
                count, evidence_left = SHOWCASE_UPDATES, SHOWCASE_EVIDENCE
            if not count:
                continue
            author = owner or self.staff[org]["liaison"][0]

            span = max(1, (end - created).days)
            for j in range(count):
                written = created + dt.timedelta(days=span * (j + 1) // count)
                when = _at(written, rng)
                narrative = narratives[rng.randrange(len(narratives))]
                row = {
                    "id": upk,
                    "response_id": rpk,
                    "author_id": author,
                    "written_on": written,
                    "narrative": narrative,
                    "proposed_rag": rng.choice(["red", "amber", "green"]),
                    "next_steps": rng.choice(NEXT_STEPS),
                    "created_at": when,
                }
                w.add(Update, row, history=[("+", when, author)])
                if searching:
                    self.search.update(upk, row, self.rec_objs[rec], org)
                files = 0
                if evidence_left:
                    files = 1 if j < evidence_left else 0
                elif rng.random() < p_evidence:
                    files = 1
                for _ in range(files):
                    name, size, sha = pool[rng.randrange(len(pool))]
                    w.add(
                        Evidence,
                        {
                            "id": epk,
                            "response_id": rpk,
                            "update_id": upk,
                            "file": name,
                            "original_name": f"evidence-{epk}.pdf",
                            "description": "Minutes and action log",
                            "content_type": "application/pdf",
                            "size": size,
                            "sha256": sha,
                            "uploaded_by_id": author,
                            "uploaded_at": when,
                        },
                        history=[("+", when, author)],
                    )
                    epk += 1
                upk += 1

    def _narrative(self) -> str:
        rng = self.rng
        return " ".join(
            rng.choice(PROGRESS).format(
                month=MONTHS[rng.randrange(12)], n=rng.randrange(10, 200),
                m=rng.randrange(1, 90), board=rng.choice(BOARDS),
            )
            for _ in range(rng.randrange(2, 5))
        )  # fmt: skip

    def _evidence_pool(self) -> list[tuple[str, int, str]]:
        """Small real files the evidence rows point at (shared: a pool, not one per row)."""
        size = max(20, min(1000, round(1000 * self.scale)))
        folder = self.media_root / "evidence" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        pool = []
        for i in range(size):
            content = tiny_pdf(f"Oversight bench evidence file {i}")
            path = folder / f"{i:04d}.pdf"
            if not path.exists() or path.stat().st_size != len(content):
                path.write_bytes(content)
            pool.append(
                (f"evidence/bench/{i:04d}.pdf", len(content), hashlib.sha256(content).hexdigest())
            )
        return pool
