"""The bench record's people and structure: organisations' people, portfolios and boards,
inspections and reports."""

from __future__ import annotations

import datetime as dt

from bench.data.vocabulary import (
    ANCHOR,
    BATCH,
    BENCH_USERS,
    BOARDS,
    FIRST_NAMES,
    LAST_NAMES,
    PORTFOLIOS,
    START,
    THEMES,
    THINGS,
)
from bench.data.writer import _add_months, _at, _between, _shares


class Structure:
    """The first half of the generator: who, and what was inspected and published."""

    def people(self) -> None:
        from oversight.accounts.models import User

        rng, w = self.rng, self.w
        total = self.n["people"]
        per_org = _shares(
            max(0, total - 2 * len(self.responders)),
            [self.weight[o.pk] for o in self.responders],
        )
        pk = w.next_id(User)
        self.owners: dict[int, list[int]] = {}
        self.staff: dict[int, dict[str, list[int]]] = {}
        joined = dt.datetime.combine(START, dt.time(9))
        for org, extra in zip(self.responders, per_org, strict=True):
            size = 2 + extra
            roles = ["liaison", "owner"]
            for i in range(2, size):
                roles.append("executive" if i % 7 == 2 else "viewer" if i % 7 == 3 else "owner")
            if org.pk == self.bench_org.pk:
                roles = ["liaison", "owner", "executive", "viewer"] + roles[4:]
            self.staff[org.pk] = {}
            for i, role in enumerate(roles):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if org.pk == self.bench_org.pk and i < 4:
                    username = BENCH_USERS[i]
                else:
                    username = f"{org.slug[:30]}-{i + 1}"
                w.add(
                    User,
                    {
                        "id": pk,
                        "password": self.password,
                        "username": username,
                        "first_name": first,
                        "last_name": last,
                        "email": f"{username}@example.police.uk",
                        "date_joined": joined,
                        "organisation_id": org.pk,
                        "role": role,
                        "job_title": f"{role.capitalize()} officer",
                        "is_active": True,
                    },
                    history=[("+", joined, None)],
                )
                self.staff[org.pk].setdefault(role, []).append(pk)
                pk += 1
            owners = self.staff[org.pk].get("owner", [])
            self.owners[org.pk] = owners

    def structure(self) -> None:
        from oversight.accounts.models import Board, Portfolio

        w = self.w
        ppk, bpk = w.next_id(Portfolio), w.next_id(Board)
        when = dt.datetime.combine(START, dt.time(9))
        self.portfolios: dict[int, list[int]] = {}
        self.boards: dict[int, list[int]] = {}
        for org in self.responders:
            self.portfolios[org.pk] = []
            self.boards[org.pk] = []
            for name in PORTFOLIOS:
                w.add(
                    Portfolio,
                    {"id": ppk, "organisation_id": org.pk, "name": name, "lead": "ACC Lead"},
                    history=[("+", when, None)],
                )
                self.portfolios[org.pk].append(ppk)
                ppk += 1
            for name in BOARDS:
                w.add(
                    Board,
                    {"id": bpk, "organisation_id": org.pk, "name": name, "chair": "DCC Chair"},
                    history=[("+", when, None)],
                )
                self.boards[org.pk].append(bpk)
                bpk += 1

    # inspections and reports ----------------------------------------------------------

    def inspections(self) -> None:
        from oversight.inspections.models import Inspection, InspectionEvent

        rng, w = self.rng, self.w
        kinds = [
            ("peel", 3), ("national_thematic", 4), ("jtai", 1), ("data_request", 2),
            ("rocu", 1), ("revisit", 1), ("super_complaint", 1), ("workshop", 1),
        ]  # fmt: skip
        kind_names, kind_weights = zip(*kinds, strict=True)
        per_force = _shares(self.n["inspections"], [self.weight[f.pk] for f in self.forces])
        pk, epk = w.next_id(Inspection), w.next_id(InspectionEvent)
        self.inspections_of: dict[int, list[tuple[int, dt.date]]] = {}
        lifecycle = ["notified", "scheduled", "fieldwork", "debriefed", "awaiting_report"]
        through = []
        tpk = 1
        for force, count in zip(self.forces, per_force, strict=True):
            self.inspections_of[force.pk] = []
            liaison = self.staff[force.pk]["liaison"][0]
            for _ in range(count):
                kind = rng.choices(kind_names, kind_weights)[0]
                start = _between(rng, START, _add_months(ANCHOR, 9))
                if start > ANCHOR:
                    status = rng.choice(["notified", "scheduled"])
                elif (ANCHOR - start).days < 120:
                    status = rng.choice(["fieldwork", "debriefed", "awaiting_report"])
                else:
                    status = "cancelled" if rng.random() < 0.03 else "published"
                end = start + dt.timedelta(days=rng.choice([0, 4, 11, 25]))
                published = status == "published"
                created = _at(min(start, ANCHOR) - dt.timedelta(days=60), rng)
                history = [("+", created, liaison)]
                if status != "notified":
                    history.append(("~", _at(min(end, ANCHOR), rng), liaison))
                row = {
                    "id": pk,
                    "organisation_id": force.pk,
                    "title": f"{kind.replace('_', ' ').capitalize()} inspection of "
                    f"{force.short_name} {start.year} ({pk})",
                    "kind": kind,
                    "status": status,
                    "summary": f"Inspection of the force's work on {rng.choice(THINGS)}.",
                    "start_on": start,
                    "start_precision": "day",
                    "start_text": f"{start.day} {start:%B %Y}",
                    "end_on": end,
                    "end_precision": "day",
                    "end_text": f"{end.day} {end:%B %Y}",
                    "force_lead_id": liaison,
                    "hmicfrs_contact": "Force liaison lead",
                    "debrief_strengths": ["Committed workforce"] if published else [],
                    "debrief_areas_to_consider": ["Supervision"] if published else [],
                    "created_at": created,
                    "updated_at": history[-1][1],
                }
                w.add(Inspection, row, history=history)
                self.search.add("inspection", Inspection(**row))
                through.append((tpk, pk, self.hmicfrs.pk))
                tpk += 1
                steps = (
                    lifecycle[: lifecycle.index(status) + 1]
                    if status in lifecycle
                    else (
                        [*lifecycle, status] if status == "published" else ["notified", "cancelled"]
                    )
                )
                for position, step in enumerate(steps):
                    on = start - dt.timedelta(days=60) if step == "notified" else start
                    if step in {"awaiting_report", "published"}:
                        on = end + dt.timedelta(days=30 * position)
                    on = min(on, ANCHOR)
                    w.add(
                        InspectionEvent,
                        {
                            "id": epk,
                            "inspection_id": pk,
                            "status": step,
                            "on": on,
                            "precision": "day",
                            "text": f"{on.day} {on:%B %Y}",
                            "position": position,
                            "recorded_by_id": liaison,
                            "recorded_at": _at(on, rng),
                        },
                        history=[("+", _at(on, rng), liaison)],
                    )
                    epk += 1
                self.inspections_of[force.pk].append((pk, start))
                pk += 1
        w.flush_all()
        table = Inspection.lead_inspectorates.through._meta.db_table
        for i in range(0, len(through), BATCH):
            w.add_plain(table, ["id", "inspection_id", "organisation_id"], through[i : i + BATCH])

    def reports(self) -> None:
        from oversight.inspections.models import Report

        rng, w = self.rng, self.w
        total = self.n["reports"]
        national = max(1, round(total * 0.15))
        pk = w.next_id(Report)
        self.national_reports: list[tuple[int, dt.date]] = []
        self.force_reports: list[tuple[int, int, dt.date]] = []
        for i in range(national):
            published = _between(rng, START, ANCHOR - dt.timedelta(days=20))
            theme = THEMES[i % len(THEMES)]
            self._report(pk, f"{theme}: a national thematic inspection ({published.year})",
                         None, None, published)  # fmt: skip
            self.national_reports.append((pk, published))
            pk += 1
        per_force = _shares(total - national, [self.weight[f.pk] for f in self.forces])
        for force, count in zip(self.forces, per_force, strict=True):
            done = [x for x in self.inspections_of[force.pk] if x[1] < ANCHOR]
            for j in range(count):
                inspection, start = done[j % len(done)] if done else (None, START)
                published = min(ANCHOR - dt.timedelta(days=10), start + dt.timedelta(days=90))
                if j >= len(done):
                    published = _between(rng, START, ANCHOR - dt.timedelta(days=10))
                title = f"{force.short_name}: inspection report {published.year} ({pk})"
                self._report(pk, title, force.pk, inspection, published)
                self.force_reports.append((pk, force.pk, published))
                pk += 1
        self.force_reports.sort(key=lambda r: r[0])

    def _report(self, pk, title, organisation_id, inspection_id, published) -> None:
        from oversight.inspections.models import Report

        created = _at(published, self.rng)
        row = {
            "id": pk,
            "title": title,
            "inspectorate_id": self.hmicfrs.pk,
            "organisation_id": organisation_id,
            "inspection_id": inspection_id,
            "reference": f"R{pk:05d}",
            "published_on": published,
            "url": f"https://hmicfrs.example/reports/{pk}",
            "summary": f"How the force handles {self.rng.choice(THINGS)}.",
            "created_at": created,
            "updated_at": created,
        }
        self.w.add(Report, row, history=[("+", created, None)])
        self.search.add("report", Report(**row))

    # recommendations and responses ----------------------------------------------------
