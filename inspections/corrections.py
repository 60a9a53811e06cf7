"""Editors' corrections: one function makes each change and records it in the audit log, in one
transaction; re-parsing and re-tagging reapply what was corrected.

A finding's themes and polarity, corrected, also become a label the theme model learns from
(`build_theme_model --with-corrections`), and the finding is marked edited so that neither
`reparse` nor `retag_findings` touches it again.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from authorities.models import Authority

from .audit import AuditEntry
from .models import Finding, FindingTheme, Judgement, Theme, Visit
from .recurring import recurring_weaknesses_refresh
from .training.corrections import correction_record

CORRECTABLE: dict[type, tuple[str, ...]] = {
    Finding: ("themes", "polarity", "hidden"),
    Judgement: ("grade",),
    Visit: ("start_date", "end_date", "visit_type", "authority"),
}
CORRECTED_FIELDS = tuple(dict.fromkeys(name for fields in CORRECTABLE.values() for name in fields))
_TYPES = {Finding: "finding", Judgement: "judgement", Visit: "visit"}
_LEARNED_FROM = {"themes", "polarity"}


class CorrectionError(ValueError):
    """A correction that cannot be made, with a message for the editor."""


def _read(obj, field: str):
    """The field's value as the audit log keeps it (JSON)."""
    if field == "themes":
        return sorted(obj.themes.values_list("slug", flat=True))
    if field == "authority":
        return obj.authority.slug
    value = getattr(obj, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def _as_logged(field: str, value):
    if field == "themes":
        return sorted(theme.slug if isinstance(theme, Theme) else theme for theme in value)
    if isinstance(value, Authority):
        return value.slug
    return value.isoformat() if isinstance(value, dt.date) else value


def _write(obj, changes: dict) -> None:
    """Put these logged values in place: themes as links, the other fields in one save."""
    if "themes" in changes:
        FindingTheme.objects.filter(finding=obj).delete()
        FindingTheme.objects.bulk_create(
            FindingTheme(finding=obj, theme=theme)
            for theme in Theme.objects.filter(slug__in=changes["themes"])
        )
    fields = [field for field in changes if field != "themes"]
    for field in fields:
        value = changes[field]
        if field == "authority":
            obj.authority = Authority.objects.get(slug=value)
        elif field in ("start_date", "end_date"):
            setattr(obj, field, dt.date.fromisoformat(value) if value else None)
        else:
            setattr(obj, field, value)
    if isinstance(obj, Visit):
        _visit_clash_refuse(obj)
    if fields:
        obj.save(update_fields=fields)


def _authorities_of(obj) -> set[int]:
    """The authorities whose recurring weaknesses a change of this finding or visit may change."""
    if isinstance(obj, Finding):
        return {obj.visit.authority_id}
    return {obj.authority_id} if isinstance(obj, Visit) else set()


def _visit_clash_refuse(visit: Visit) -> None:
    """A visit of the same type to the same authority starting the same day is that visit."""
    other = (
        Visit.objects.filter(
            authority=visit.authority_id, visit_type=visit.visit_type, start_date=visit.start_date
        )
        .exclude(pk=visit.pk)
        .first()
        if visit.start_date
        else None
    )
    if other is not None:
        raise CorrectionError(
            f"Another {visit.get_visit_type_display().lower()} to {visit.authority} starting on "
            f"{visit.start_date:%-d %B %Y} is already recorded (visit {other.pk}): correct that one instead."
        )


def correct(obj, field: str, value, *, by, reason: str) -> AuditEntry | None:
    """Set `obj.field` to `value` and record who, when, before, after and why; None when the value
    was already so (nothing to record). Raises CorrectionError when it cannot be made."""
    entries = correct_fields(obj, {field: value}, by=by, reason=reason)
    return entries[0] if entries else None


def correct_fields(obj, values: dict, *, by, reason: str) -> list[AuditEntry]:
    """Several fields of one object corrected for one reason, all or none: an audit entry for each
    field whose value changes. A finding's new themes and polarity are kept once as a label."""
    reason = (reason or "").strip()
    if not reason:
        raise CorrectionError("Say why you are making this correction.")
    unknown = set(values) - set(CORRECTABLE.get(type(obj), ()))
    if unknown:
        raise CorrectionError(
            f"The {', '.join(sorted(unknown))} of a {type(obj).__name__.lower()} cannot be corrected here."
        )
    changes = {}
    entries = []
    with transaction.atomic():
        for field, value in values.items():
            before, after = _read(obj, field), _as_logged(field, value)
            if before != after:
                changes[field] = after
                entries.append(
                    AuditEntry(user=by, object_type=_TYPES[type(obj)], object_id=obj.pk,
                               field=field, before=before, after=after, reason=reason)
                )  # fmt: skip
        authorities = _authorities_of(obj)
        _write(obj, changes)
        if changes:
            recurring_weaknesses_refresh(authorities | _authorities_of(obj))
        AuditEntry.objects.bulk_create(entries)
        if any(entry.field in _LEARNED_FROM for entry in entries):
            Finding.objects.filter(pk=obj.pk).update(edited=True)
            obj.edited = True
            correction_record(obj, user=by)
    return entries


def _latest_corrections(objects) -> dict[tuple[str, int], dict[str, object]]:
    """The last corrected value of each field of these objects: {(type, id): {field: value}}."""
    wanted = Q(pk__in=[])
    for obj in objects:
        wanted |= Q(object_type=_TYPES[type(obj)], object_id=obj.pk)
    latest: dict[tuple[str, int], dict[str, object]] = {}
    for entry in AuditEntry.objects.filter(wanted).order_by("at", "pk"):
        latest.setdefault((entry.object_type, entry.object_id), {})[entry.field] = entry.after
    return latest


def corrections_reapply(objects) -> int:
    """Put back what editors corrected on these objects where a re-parse changed it; how many fields."""
    objects = list(objects)
    latest = _latest_corrections(objects)
    restored = 0
    for obj in objects:
        corrected = latest.get((_TYPES[type(obj)], obj.pk), {})
        changes = {field: value for field, value in corrected.items() if _read(obj, field) != value}
        if changes:
            _write(obj, changes)
            restored += len(changes)
    return restored
