"""Organisations and people in and out of files: the ``organisations`` and ``users`` datasets.

Organisations: one row per organisation; a name (or short name) already on Lintas is refused, so
an import never creates a twin of an organisation people already act for.

People: no passwords in files (a column named like one is refused outright). Each imported
person gets an invitation e-mail, in their language, with a link to choose their password (the
password-reset link, valid ``PASSWORD_RESET_TIMEOUT``; afterwards "forgot password" sends a new
one), and the account is marked confirmed when they use it. Membership stays verified: the row's
organisation is set because a broker imported the row, and that decision is recorded as an
approved membership request decided by the broker, as if the person had asked and the broker
approved. Only administrators import brokers and programme officers; nobody imports
administrators.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lintas.core import mail
from lintas.core.domain import audit, transfer
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.domain.transfer import Column, RowProblems, at_most
from lintas.core.enums import (
    AuditAction,
    EnterpriseSize,
    MembershipStatus,
    MemberType,
    OrganisationType,
    Role,
)
from lintas.core.models import MembershipRequest, Organisation, User

# ------------------------------------------------------------------ organisations

ORGANISATION_COLUMNS = (
    Column("slug", False, gettext_lazy("short name used in addresses: letters, digits and hyphens (empty: made from the name)"), "gxu"),
    Column("name", True, at_most(200), "Guangxi University"),
    Column("name_local", False, gettext_lazy("the name in its own language"), "广西大学"),
    Column("type", True, gettext_lazy("university, institute, enterprise, government or intermediary"), "university"),
    Column("size", False, gettext_lazy("for enterprises: micro, small, medium or large"), ""),
    Column("country", True, gettext_lazy("two-letter code or English name"), "CN"),
    Column("province", False, gettext_lazy("for China: the province"), "Guangxi"),
    Column("website", False, gettext_lazy("an address starting with http:// or https://"), "https://www.gxu.edu.cn"),
    Column("description", False, at_most(2000), ""),
    Column("member_type", False, gettext_lazy("network membership: full or associate (empty: not a member)"), "full"),
    Column("member_since", False, gettext_lazy("date as YYYY-MM-DD"), "2019-05-01"),
)  # fmt: skip


def _country(values, name="country") -> str:
    raw = transfer.text(values, name, required=True)
    code = transfer.country_code(raw)
    if not code:
        raise RowProblems({name: _("Unknown country “%(value)s”.") % {"value": raw}})
    return code


def _organisation_check(values: dict, context: dict) -> dict:
    problems = {}

    def take(name, reader):
        try:
            return reader()
        except RowProblems as error:
            problems.update(error.problems)
            return None

    cleaned = {
        "slug": take("slug", lambda: transfer.text(values, "slug", max_length=80)),
        "name": take("name", lambda: " ".join(transfer.text(values, "name", required=True, max_length=200).split())),
        "name_local": take("name_local", lambda: transfer.text(values, "name_local", max_length=200)),
        "type": take("type", lambda: transfer.choice(values, "type", OrganisationType.choices, required=True)),
        "size": take("size", lambda: transfer.choice(values, "size", EnterpriseSize.choices)),
        "country": take("country", lambda: _country(values)),
        "province": take("province", lambda: transfer.text(values, "province", max_length=40)),
        "website": take("website", lambda: _website(values)),
        "description": take("description", lambda: transfer.text(values, "description", max_length=2000)),
        "member_type": take("member_type", lambda: transfer.choice(values, "member_type", MemberType.choices)),
        "member_since": take("member_since", lambda: transfer.date(values, "member_since")),
    }  # fmt: skip
    slug, name = cleaned["slug"], cleaned["name"]
    if slug and "slug" not in problems:
        if slugify(slug) != slug:
            problems["slug"] = _("Use lower-case letters, digits and hyphens only.")
        elif slug in context["slugs"] or Organisation.objects.filter(slug=slug).exists():
            problems["slug"] = _("The short name %(slug)s is taken.") % {"slug": slug}
        context["slugs"].add(slug)
    if name and "name" not in problems:
        if name.casefold() in context["names"]:
            problems["name"] = _("This organisation appears twice in this file.")
        elif Organisation.objects.filter(
            Q(name__iexact=name) | Q(name_local__iexact=name)
        ).exists():
            problems["name"] = _("An organisation with this name is on Lintas already.")
        context["names"].add(name.casefold())
    if problems:
        raise RowProblems(problems)
    return cleaned


def _website(values) -> str:
    value = transfer.text(values, "website", max_length=200)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as error:
            raise RowProblems(
                {"website": _("Enter a web address that starts with http:// or https://.")}
            ) from error
    return value


def _organisation_write(cleaned: dict, actor, context: dict) -> str:
    from lintas.core.domain.membership import _unique_slug

    organisation = Organisation(**{k: v for k, v in cleaned.items() if k != "slug"})
    organisation.slug = cleaned["slug"] or _unique_slug(cleaned["name"])
    organisation.full_clean()
    organisation.save()
    audit.record(
        actor=actor,
        target=organisation,
        action=AuditAction.CREATE,
        summary=f"organisation {organisation.name} imported",
    )
    context["written"] = True
    return f"{organisation.slug} {organisation.name}"


def _organisations_after(context: dict) -> None:
    if context.get("written"):
        schedule_refresh("organisations")


ORGANISATIONS = transfer.Dataset(
    name="organisations",
    label=gettext_lazy("organisations"),
    columns=ORGANISATION_COLUMNS,
    permission="core.import_organisations",
    check=_organisation_check,
    write=_organisation_write,
    prepare=lambda actor: {"slugs": set(), "names": set()},
    after=_organisations_after,
)


def organisation_rows() -> list[dict]:
    """Every organisation, as the import reads them (organisations are public)."""
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "name_local": o.name_local,
            "type": o.type,
            "size": o.size,
            "country": str(o.country),
            "province": o.province,
            "website": o.website,
            "description": o.description,
            "member_type": o.member_type,
            "member_since": o.member_since.isoformat() if o.member_since else "",
        }
        for o in Organisation.objects.order_by("id")
    ]


def export_organisations(*, fmt: str) -> bytes:
    return transfer.export(ORGANISATIONS, fmt, organisation_rows(), ORGANISATIONS.column_names)


# ------------------------------------------------------------------ people

USER_COLUMNS = (
    Column("username", True, gettext_lazy("the sign-in name: letters, digits and @ . + - _"), "lim.wei"),
    Column("email", True, gettext_lazy("the address the invitation goes to; unique"), "lim.wei@example.org"),
    Column("first_name", False, at_most(150), "Wei"),
    Column("last_name", False, at_most(150), "Lim"),
    Column("role", True, gettext_lazy("provider or seeker (administrators also import broker and officer)"), "provider"),
    Column("organisation", False, gettext_lazy("the organisation the person acts for: short name (slug) or name"), "gxu"),
    Column("organisation_admin", False, gettext_lazy("yes if the person approves who else may act for the organisation"), "no"),
    Column("language", False, gettext_lazy("the language of the person's e-mails and pages: en, zh-hans, id, ms, th, vi, km, lo, my or fil"), "zh-hans"),
    Column("phone", False, at_most(40), ""),
)  # fmt: skip


def _forbidden_user_column(name: str) -> str | None:
    if "password" in name or "passwd" in name or name in ("pwd", "hash"):
        return _(
            "Files never carry passwords: remove this column. Each person chooses a password "
            "from the invitation e-mail."
        )
    return None


def _user_prepare(actor) -> dict:
    return {"usernames": set(), "emails": set(), "organisations": {}, "actor": actor}


def _user_organisation(values, context):
    return transfer.organisation(values, context)


def _role(values, actor) -> str:
    raw = transfer.text(values, "role", required=True)
    word = raw.casefold()
    role = next(
        (code for code, label in Role.choices if word in (code, str(label).casefold())), None
    )
    if role is None:
        raise RowProblems({"role": _("“%(value)s” is not a role of Lintas.") % {"value": raw}})
    if role == Role.ADMIN:
        raise RowProblems({"role": _("Administrators are appointed in the admin, never imported.")})
    if role in (Role.BROKER, Role.OFFICER) and not (
        actor is None or actor.has_perm("core.appoint_staff")
    ):
        raise RowProblems({"role": _("Only administrators import brokers and programme officers.")})
    return role


def _language(values) -> str:
    raw = transfer.text(values, "language")
    if not raw:
        return settings.LANGUAGE_CODE
    codes = {code.casefold(): code for code, _name in settings.LANGUAGES}
    code = codes.get(raw.casefold()) or codes.get({"zh": "zh-hans"}.get(raw.casefold(), ""))
    if not code:
        raise RowProblems(
            {"language": _("“%(value)s” is not a language of Lintas.") % {"value": raw}}
        )
    return code


def _user_check(values: dict, context: dict) -> dict:
    problems = {}

    def take(name, reader):
        try:
            return reader()
        except RowProblems as error:
            problems.update(error.problems)
            return None

    cleaned = {
        "username": take("username", lambda: _username(values)),
        "email": take("email", lambda: _address(values)),
        "first_name": take("first_name", lambda: transfer.text(values, "first_name", max_length=150)),
        "last_name": take("last_name", lambda: transfer.text(values, "last_name", max_length=150)),
        "role": take("role", lambda: _role(values, context["actor"])),
        "organisation": take("organisation", lambda: _user_organisation(values, context)),
        "is_organisation_admin": take("organisation_admin", lambda: transfer.yes_no(values, "organisation_admin")),
        "language": take("language", lambda: _language(values)),
        "phone": take("phone", lambda: transfer.text(values, "phone", max_length=40)),
    }  # fmt: skip
    if cleaned["is_organisation_admin"] and cleaned["organisation"] is None and not problems:
        problems["organisation_admin"] = _("An organisation admin needs an organisation.")
    username, email = cleaned["username"], cleaned["email"]
    if username and "username" not in problems:
        if username.casefold() in context["usernames"]:
            problems["username"] = _("This username appears twice in this file.")
        elif User.objects.filter(username__iexact=username).exists():
            problems["username"] = _("This username is taken.")
        context["usernames"].add(username.casefold())
    if email and "email" not in problems:
        if email in context["emails"]:
            problems["email"] = _("This address appears twice in this file.")
        elif User.objects.filter(email__iexact=email).exists():
            problems["email"] = _("An account with this address exists already.")
        context["emails"].add(email)
    if problems:
        raise RowProblems(problems)
    return cleaned


def _username(values) -> str:
    value = transfer.text(values, "username", required=True, max_length=150)
    try:
        User.username_validator(value)
    except ValidationError as error:
        raise RowProblems(
            {"username": _("Use letters, digits and @ . + - _ only in a username.")}
        ) from error
    return value


def _address(values) -> str:
    value = transfer.text(values, "email", required=True, max_length=254).lower()
    try:
        validate_email(value)
    except ValidationError as error:
        raise RowProblems(
            {"email": _("“%(value)s” is not an e-mail address.") % {"value": value}}
        ) from error
    return value


def invitation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return mail.site_link(
        reverse("core:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )


def send_invitation(user: User, *, organisation=None) -> None:
    """The invitation e-mail, in the person's language: who invited them and the link."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        lines = [
            _("A broker created a Lintas account for you (username: %(username)s).")
            % {"username": user.username},
        ]
        if organisation is not None:
            lines.append(
                _("You act for %(organisation)s on Lintas.") % {"organisation": organisation.name}
            )
        lines += [
            _("Choose your password here to sign in: %(url)s") % {"url": invitation_url(user)},
            _(
                "The link works for a few days. Afterwards, ask for a new one with “Forgot your "
                "password?” on the sign-in page."
            ),
            _("If you did not expect this message, you can ignore it."),
        ]
        mail.send(
            subject=_("You are invited to Lintas"),
            body="\n\n".join(str(line) for line in lines),
            to=[user.email],
        )


def _user_write(cleaned: dict, actor, context: dict) -> str:
    organisation = cleaned["organisation"]
    user = User(
        username=cleaned["username"],
        email=cleaned["email"],
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
        role=cleaned["role"],
        language=cleaned["language"],
        phone=cleaned["phone"],
        organisation=organisation,
        is_organisation_admin=bool(organisation and cleaned["is_organisation_admin"]),
        is_active=True,
        email_verified=False,
    )
    # Nobody knows this password; the invitation link replaces it (and "forgot your password?"
    # works later too, which it would not for an unusable password).
    user.set_password(secrets.token_urlsafe(32))
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(
        actor=actor, target=user, action=AuditAction.CREATE, summary=f"{user.username} imported"
    )
    if organisation is not None:
        decided_by = actor if getattr(actor, "is_authenticated", False) else None
        record = MembershipRequest.objects.create(
            user=user,
            organisation=organisation,
            status=MembershipStatus.APPROVED,
            decided_by=decided_by,
            reason="imported",
        )
        record.decided_at = timezone.now()
        record.save(update_fields=["decided_at"])
        audit.record(
            actor=actor,
            target=record,
            action=AuditAction.STATUS,
            summary=f"membership of {user.username} in {organisation.name}: approved by import",
            changes={"status": [None, MembershipStatus.APPROVED]},
        )
    transaction.on_commit(lambda: send_invitation(user, organisation=organisation))
    return f"{user.username} <{user.email}>"


USERS = transfer.Dataset(
    name="users",
    label=gettext_lazy("people"),
    columns=USER_COLUMNS,
    permission="core.import_users",
    check=_user_check,
    write=_user_write,
    prepare=_user_prepare,
    forbidden=_forbidden_user_column,
)


def user_rows() -> list[dict]:
    """Every active person, as the import reads them (no password, nothing else)."""
    return [
        {
            "username": u.username,
            "email": u.email,
            "first_name": u.first_name,
            "last_name": u.last_name,
            "role": u.role,
            "organisation": u.organisation.slug if u.organisation_id else "",
            "organisation_admin": bool(u.is_organisation_admin),
            "language": u.language,
            "phone": u.phone,
        }
        for u in User.objects.filter(is_active=True).select_related("organisation").order_by("id")
    ]


def export_users(*, fmt: str) -> bytes:
    return transfer.export(USERS, fmt, user_rows(), USERS.column_names)
