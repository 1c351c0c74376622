"""factory_boy factories for the domain model. Build records the way the services would."""

from __future__ import annotations

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify

from oversight.accounts.models import Organisation, OrganisationKind, Role, User
from oversight.inspections.models import Inspection, InspectionKind, InspectionStatus, Report
from oversight.recommendations.models import (
    Evidence,
    Recommendation,
    RecommendationKind,
    Response,
    Update,
)
from oversight.rules.partial_dates import Precision


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test Force {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.replace(" Police", ""))
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = OrganisationKind.FORCE


def hmicfrs() -> Organisation:
    return Organisation.objects.get(short_name="HMICFRS")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.OWNER
    password = factory.PostGenerationMethodCall("set_password", "pass")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Thematic inspection {n}")
    kind = InspectionKind.NATIONAL_THEMATIC
    status = InspectionStatus.NOTIFIED
    start_on = dt.date(2022, 10, 1)
    start_precision = Precision.MONTH
    start_text = "October – Date TBC"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Report {n}")
    inspectorate = factory.LazyFunction(hmicfrs)
    organisation = None
    published_on = dt.date(2022, 2, 21)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    report = factory.SubFactory(ReportFactory)
    kind = RecommendationKind.RECOMMENDATION
    reference = factory.Sequence(lambda n: str(9000 + n))
    theme = "Hate crime"
    text = "Within three months chief constables should do something."
    deadline_text = "Within three months"
    due_on = dt.date(2022, 5, 21)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    organisation = factory.SubFactory(OrganisationFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
    owner = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"))


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    response = factory.SubFactory(ResponseFactory)
    author = factory.SelfAttribute("response.owner")
    written_on = dt.date(2022, 7, 1)
    narrative = "Progress has been made."


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    response = factory.SubFactory(ResponseFactory)
    uploaded_by = factory.SelfAttribute("response.owner")
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="x.pdf"))
    original_name = "Minutes of the board.pdf"
    content_type = "application/pdf"
    size = 15
    sha256 = "0" * 64
