"""The writes about people: a liaison lead invites the people of their organisation, changes
their role, and deactivates them (never deletes: a person's name stays on what they did)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from oversight import audit
from oversight.accounts.models import Organisation, Role, User
from oversight.accounts.policies import require_liaison
from oversight.conflicts import check_latest_change

ROLE_LABELS = dict(Role.choices)


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    username: str,
    password: str | None,
    role: str,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    email: str = "",
    actor: User | None = None,
    reason: str = "Person added",
) -> User:
    """A person of `organisation`; with no password, they sign in once they have set one from
    their invitation, or through single sign-on."""
    require_liaison(actor, organisation.pk)
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError(f"There is already a person with the username {username}. Choose another.")
    person = User(
        organisation=organisation,
        username=username,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_title=job_title.strip(),
        email=email.strip(),
    )
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    _save(person, actor=actor, reason=reason)
    return person


@transaction.atomic
def person_invite(
    *,
    organisation: Organisation,
    actor: User,
    username: str,
    role: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    link_base: str,
) -> User:
    """Add a person and e-mail them a link to set their password (valid for
    settings.PASSWORD_RESET_TIMEOUT). The e-mail goes when the transaction commits."""
    if not email.strip():
        raise ValueError("Enter their e-mail address: the invitation is sent to it")
    person = person_create(
        organisation=organisation,
        actor=actor,
        username=username,
        password=None,
        role=role,
        first_name=first_name,
        last_name=last_name,
        job_title=job_title,
        email=email,
        reason=f"Invited as {ROLE_LABELS[role].lower()}",
    )
    transaction.on_commit(lambda: invitation_send(person=person, actor=actor, link_base=link_base))
    return person


def invitation_link(person: User, link_base: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("accounts:set-password", kwargs={"uidb64": uid, "token": token})
    return link_base.rstrip("/") + path


def invitation_send(*, person: User, actor: User, link_base: str) -> None:
    """E-mail the person a link to set their password (a new link: earlier ones still work until
    they set a password or the time runs out)."""
    require_liaison(actor, person.organisation_id)
    if not person.email:
        raise ValueError(f"{person.display_name} has no e-mail address: add one first")
    if not person.is_active:
        raise ValueError(f"{person.display_name} is deactivated: reactivate them first")
    context = {
        "person": person,
        "actor": actor,
        "link": invitation_link(person, link_base),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "service": settings.OVERSIGHT_SERVICE_NAME,
        "marking": settings.OVERSIGHT_EMAIL_MARKING,
    }
    subject = f"{actor.display_name} has invited you to {settings.OVERSIGHT_SERVICE_NAME}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("accounts/emails/invitation.txt", context),
        to=[person.email],
    )
    message.send()


def _refuse_changes_to(person: User, actor: User | None) -> None:
    if actor is None:
        return
    if person.is_superuser:
        raise PermissionDenied(
            "This is the account of someone who runs Oversight: only they can change it."
        )


@transaction.atomic
def person_change(
    *,
    person: User,
    actor: User,
    role: str,
    first_name: str,
    last_name: str,
    job_title: str,
    email: str,
    expected: int | None,
) -> User:
    """Change a person's role or details; refused if someone saved them since the form opened."""
    require_liaison(actor, person.organisation_id)
    _refuse_changes_to(person, actor)
    if role not in Role.values:
        raise ValueError("Choose a role from the list")
    check_latest_change(person, expected)
    person = User.objects.get(pk=person.pk)
    if person.pk == actor.pk and role != person.role:
        raise ValueError("You cannot change your own role. Ask another liaison lead to do it.")
    changes = []
    if person.role != role:
        changes.append(f"role {ROLE_LABELS[person.role]} → {ROLE_LABELS[role]}")
    person.role = role
    person.first_name, person.last_name = first_name.strip(), last_name.strip()
    person.job_title, person.email = job_title.strip(), email.strip()
    reason = ("Changed: " + "; ".join(changes)) if changes else "Details changed"
    return _save(person, actor=actor, reason=reason)


@transaction.atomic
def person_deactivate(*, person: User, actor: User, reason: str) -> User:
    """They can no longer sign in or use their API tokens; everything they did keeps their name."""
    require_liaison(actor, person.organisation_id)
    _refuse_changes_to(person, actor)
    if person.pk == actor.pk:
        raise ValueError("You cannot deactivate yourself. Ask another liaison lead to do it.")
    reason = reason.strip()
    if not reason:
        raise ValueError("Say why they are being deactivated, for the audit trail")
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise ValueError(f"{person.display_name} is already deactivated")
    person.is_active = False
    return _save(person, actor=actor, reason=f"Deactivated: {reason}")


@transaction.atomic
def person_reactivate(*, person: User, actor: User) -> User:
    require_liaison(actor, person.organisation_id)
    _refuse_changes_to(person, actor)
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_active:
        raise ValueError(f"{person.display_name} is already active")
    person.is_active = True
    return _save(person, actor=actor, reason="Reactivated")


def _save(person: User, *, actor: User | None, reason: str) -> User:
    try:
        audit.save(person, actor=actor, reason=reason)
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from exc
    return person
