"""What the apps above tell notifications about themselves, so notifications imports none of them.

An app registers, from its AppConfig.ready:

- its kinds of deadline, `deadline_kind_register("aksept", _("Aksept av tilsagn"))`: the
  `kind` of Deadline and ReminderRule offers exactly the registered kinds;
- its lines of the daily digest, `digest_source_register("oppgaver", source)`: `source(users,
  now)` returns, in a fixed number of queries, `{user_id: [{"title": ..., "created": ...}]}`
  for the users given, and the digest lists them under the tasks waiting;
- its secret links, `secret_link_register("minside_login", maker)`: a message whose context
  holds `{"secret_link": {"kind": "minside_login", ...}}` gets `maker(reference)` as its
  `url` only when it is sent; the outbox row keeps the reference, never the link. With
  `body_admin_only=True` the staff viewer shows the bodies of such messages to the
  administrator alone.

Registering the same thing twice is harmless; the same key with another label or source is
a mistake and raises ImproperlyConfigured.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured

DigestSource = Callable[[Sequence, datetime], Mapping[int, list[dict]]]

_deadline_kinds: dict[str, object] = {}
_digest_sources: dict[str, DigestSource] = {}
SecretLinkMaker = Callable[[Mapping], str]
_secret_links: dict[str, tuple[SecretLinkMaker, bool]] = {}


def deadline_kind_register(key: str, label) -> None:
    """Make `key` a kind of deadline, shown as `label` (a lazy translation)."""
    known = _deadline_kinds.get(key)
    if known is not None and str(known) != str(label):
        raise ImproperlyConfigured(f"Deadline kind {key!r} is already registered as {known!r}.")
    _deadline_kinds[key] = label


def deadline_kind_choices() -> list[tuple[str, object]]:
    """The registered kinds as field choices, in the order they were registered."""
    return list(_deadline_kinds.items())


def digest_source_register(name: str, source: DigestSource) -> None:
    """Add `source`'s lines to every daily digest."""
    known = _digest_sources.get(name)
    if known is not None and known is not source:
        raise ImproperlyConfigured(f"Digest source {name!r} is already registered.")
    _digest_sources[name] = source


def digest_sources() -> list[DigestSource]:
    return list(_digest_sources.values())


def secret_link_register(kind: str, maker: SecretLinkMaker, *, body_admin_only=False) -> None:
    """Let messages carry `{"secret_link": {"kind": kind, ...}}`, made into a link at send time."""
    known = _secret_links.get(kind)
    if known is not None and known != (maker, body_admin_only):
        raise ImproperlyConfigured(f"Secret link kind {kind!r} is already registered.")
    _secret_links[kind] = (maker, body_admin_only)


def secret_link_maker(kind: str) -> SecretLinkMaker:
    try:
        return _secret_links[kind][0]
    except KeyError:
        raise ImproperlyConfigured(f"No secret link kind {kind!r} is registered.") from None


def secret_link_body_admin_only(kind: str) -> bool:
    return _secret_links.get(kind, (None, False))[1]


_template_names: dict[str, object] = {}


def template_name_register(template: str, label) -> None:
    """Show the e-mail template `template` to people as `label` (a lazy translation)."""
    known = _template_names.get(template)
    if known is not None and str(known) != str(label):
        raise ImproperlyConfigured(f"E-mail template {template!r} is already named {known!r}.")
    _template_names[template] = label


def template_name(template: str):
    """The name people see for an e-mail template; an unnamed one is shown as «E-post»."""
    from django.utils.translation import gettext

    return _template_names.get(template) or gettext("E-post")


_case_staff_links: dict[str, Callable] = {}


def case_staff_link_register(model, maker: Callable) -> None:
    """`maker(case, viewer)` is the staff page of a case of `model` for `viewer`, or '' when
    the viewer may not open it; the staff deadline lists link to it."""
    _case_staff_links[model._meta.label_lower] = maker


def case_staff_link(case, viewer=None) -> str:
    maker = _case_staff_links.get(case._meta.label_lower) if case is not None else None
    return maker(case, viewer) if maker else ""


def template_names() -> dict:
    """Every named e-mail template: {template id: name}."""
    return dict(_template_names)
