"""The measurement entry workflow: concept -> ingediend -> (terug ->) goedgekeurd.

Redacteuren and the programme team enter and submit; only the programme team approves
or returns, and never their own measurement (four eyes: the approver is not the person
who entered it). Submitting needs an explanation and evidence. A closed period accepts no
change at all (``Measurement.save`` enforces that too)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from armoedemonitor.web.accounts.roles import REDACTEUR, has_role, is_programme_team

from ..models import Measurement

Status = Measurement.Status


def can_enter(user) -> bool:
    return is_programme_team(user) or has_role(user, REDACTEUR)


def can_approve(user) -> bool:
    return is_programme_team(user)


def may_approve(measurement, user) -> bool:
    """The four-eyes rule: programme team, and someone other than who entered it."""
    return can_approve(user) and measurement.ingevoerd_door_id != user.pk


def _check_open(measurement):
    if measurement.period.gesloten:
        raise ValidationError(_("Periode %(p)s is gesloten.") % {"p": measurement.period})


def check_complete(measurement):
    """What a submitted measurement must have, by kind of indicator."""
    errors = {}
    soort = measurement.node_indicator.definition.soort
    if soort in ("aantal", "percentage"):
        has_ratio = measurement.teller is not None and measurement.noemer
        if measurement.waarde is None and not has_ratio:
            errors["waarde"] = _("Vul een waarde in.")
    elif soort == "mijlpaal" and measurement.mijlpaal_datum is None:
        errors["mijlpaal_datum"] = _("Vul de datum in waarop de mijlpaal is bereikt.")
    elif soort == "kwalitatief" and not measurement.tekst.strip():
        errors["tekst"] = _("Beschrijf wat er is gebeurd.")
    if not measurement.toelichting.strip():
        errors["toelichting"] = _("Een toelichting is verplicht.")
    if not measurement.bewijs and not measurement.bewijs_url:
        errors["bewijs_url"] = _("Voeg bewijs toe: een bestand of een link.")
    if errors:
        raise ValidationError(errors)


def submit(measurement, user):
    if not can_enter(user):
        raise PermissionDenied
    _check_open(measurement)
    if measurement.status not in (Status.CONCEPT, Status.TERUG):
        raise ValidationError(_("Alleen een concept of teruggestuurde meting kan worden ingediend."))
    check_complete(measurement)
    measurement.status = Status.INGEDIEND
    measurement.save()


def approve(measurement, user):
    if not can_approve(user):
        raise PermissionDenied
    _check_open(measurement)
    if measurement.ingevoerd_door_id == user.pk:
        raise ValidationError(
            _("U heeft deze meting zelf ingevoerd. Iemand anders uit het programmateam moet haar goedkeuren.")
        )
    if measurement.status != Status.INGEDIEND:
        raise ValidationError(_("Alleen een ingediende meting kan worden goedgekeurd."))
    check_complete(measurement)
    measurement.status = Status.GOEDGEKEURD
    measurement.goedgekeurd_door = user
    measurement.save()


def send_back(measurement, user, reactie: str):
    if not can_approve(user):
        raise PermissionDenied
    _check_open(measurement)
    if measurement.status != Status.INGEDIEND:
        raise ValidationError(_("Alleen een ingediende meting kan worden teruggestuurd."))
    if not reactie.strip():
        raise ValidationError({"reactie": _("Schrijf erbij wat er anders moet.")})
    measurement.status = Status.TERUG
    measurement.reactie = reactie
    measurement.save()
