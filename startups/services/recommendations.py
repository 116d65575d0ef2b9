"""An innovation actor's recommendation, asked by email with a signed link that expires.

The link carries the recommendation's id and the moment it was asked for: asking again (another
actor, another address, or a lost email) makes every earlier link invalid.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnership.models import Organisation

from .. import notifications
from ..constants import FINAL_STATUSES, RecommendationStatus
from ..models import Application, Recommendation
from ..validators import validate_recommendation_contact

LINK_MAX_AGE = timedelta(days=14)
_SALT = "startups.recommendation"


LINK_INVALID = "link_invalid"  # the link was altered, or replaced by a newer request
LINK_EXPIRED = "link_expired"  # the link is genuine but older than LINK_MAX_AGE


def _link_invalid() -> ValidationError:
    return ValidationError(
        _("Ce lien n'est pas valide : il a été modifié ou remplacé par une demande plus récente."), code=LINK_INVALID
    )


def _version(recommendation: Recommendation) -> str:
    return recommendation.requested_at.isoformat()


def recommendation_token(recommendation: Recommendation) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object({"r": recommendation.pk, "v": _version(recommendation)})


def recommendation_from_token(token: str) -> Recommendation:
    try:
        payload = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("Ce lien a expiré : demandez à la start-up de renouveler sa demande."), code=LINK_EXPIRED
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise _link_invalid() from exc
    if not isinstance(payload, dict):
        raise _link_invalid()
    try:  # a genuine signature over a payload we never wrote (e.g. a non-integer id) is still a bad link
        recommendation = (
            Recommendation.objects.with_city()
            .select_related("organisation", "application__applicant")
            .get(pk=payload.get("r"))
        )
    except (ValueError, TypeError, ObjectDoesNotExist) as exc:
        raise _link_invalid() from exc
    if payload.get("v") != _version(recommendation):
        raise _link_invalid()
    return recommendation


@transaction.atomic
def recommendation_request(
    *, application: Application, actor, organisation: Organisation, contact_email: str
) -> Recommendation:
    """Ask `organisation` (an innovation actor of the call's city) to recommend the application.

    Sends the contact a signed link. Asking again re-sends a fresh link; a confirmed recommendation
    from the same actor and address is kept as it is.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .with_city()
        .select_related("applicant")
        .get(pk=application.pk)
    )
    if actor.pk != application.applicant_id:
        raise ValidationError(_("Seule la personne qui a créé cette candidature peut demander une recommandation."))
    if application.status in FINAL_STATUSES:
        raise ValidationError(_("Cette candidature est close : plus de recommandation à demander."))
    city = application.call.initiative.partnership.city
    if not (organisation.is_innovation_actor and organisation.cities.filter(pk=city.pk).exists()):
        raise ValidationError(
            {
                "organisation": _("Choisissez un acteur de l'innovation listé par la ville de %(city)s.")
                % {"city": city.name}
            }
        )
    contact_email = contact_email.strip().lower()
    try:
        validate_recommendation_contact(
            contact_email,
            organisation=organisation,
            own_emails=[actor.email, application.applicant.email, application.contact_email],
            website=application.website,
        )
    except ValidationError as error:
        raise ValidationError({"contact_email": error.error_list}) from error
    recommendation = Recommendation.objects.select_for_update().filter(application=application).first()
    same = (
        recommendation is not None
        and recommendation.organisation_id == organisation.pk
        and recommendation.contact_email == contact_email
    )
    if same and recommendation.status == RecommendationStatus.CONFIRMED:
        return recommendation
    if recommendation is None:
        recommendation = Recommendation(application=application)
    recommendation.organisation = organisation
    recommendation.contact_email = contact_email
    recommendation.status = RecommendationStatus.PENDING
    recommendation.requested_at = timezone.now()
    recommendation.responded_at = None
    recommendation.comment = ""
    recommendation.full_clean()
    recommendation.save()
    notifications.recommendation_request(
        recommendation, token=recommendation_token(recommendation), valid_days=LINK_MAX_AGE.days
    )
    return recommendation


@transaction.atomic
def recommendation_respond(*, recommendation: Recommendation, confirm: bool, comment: str = "") -> Recommendation:
    """The actor confirms or declines, once; the applicant is told."""
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .with_city()
        .select_related("organisation", "application__applicant")
        .get(pk=recommendation.pk)
    )
    if recommendation.status != RecommendationStatus.PENDING:
        raise ValidationError(
            _("Cette demande a déjà reçu une réponse : %(status)s.") % {"status": recommendation.get_status_display()}
        )
    recommendation.status = RecommendationStatus.CONFIRMED if confirm else RecommendationStatus.DECLINED
    recommendation.responded_at = timezone.now()
    recommendation.comment = (comment or "").strip()
    recommendation.full_clean()
    recommendation.save()
    application = recommendation.application
    if application.applicant is None:  # the person erased their account: nobody to tell, no contact to keep
        Recommendation.objects.filter(pk=recommendation.pk).update(contact_email="")
        Recommendation.history.filter(id=recommendation.pk).update(contact_email="")
        recommendation.contact_email = ""
        return recommendation
    notifications.recommendation_answered(recommendation)
    return recommendation
