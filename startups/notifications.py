"""The start-ups' messages: an application's status changed (to the applicant), a review assigned (to the
reviewer), a recommendation requested (to the innovation actor's contact, who may have no account) and
answered (to the applicant). Templates: startups/templates/notifications/email/startups/."""

from __future__ import annotations

from django.urls import reverse

from notifications import kinds
from notifications.services import notify

from .constants import ApplicationStatus
from .models import Application, Recommendation, ReviewAssignment, StatusChange

STATUS_CHANGED = kinds.register("startups.status_changed")
REVIEW_ASSIGNED = kinds.register("startups.review_assigned")
RECOMMENDATION_REQUEST = kinds.register("startups.recommendation_request")
RECOMMENDATION_ANSWERED = kinds.register("startups.recommendation_answered")


def _city(application: Application):
    return application.call.initiative.partnership.city


def status_changed(application: Application, change: StatusChange) -> None:
    applicant = application.applicant
    if applicant is None:  # the person deleted their account; the application was kept anonymised
        return
    notify(
        kind=STATUS_CHANGED,
        key=f"{STATUS_CHANGED}:{change.pk}",
        recipient=applicant,
        city=_city(application),
        context=lambda language: {
            "city_name": str(_city(application).name),
            "call_title": str(application.call.title),
            "company_name": application.company_name,
            "status": change.to_status,
            "status_label": str(ApplicationStatus(change.to_status).label),
            "message": change.message,
            "application_path": reverse("startups:application_detail", kwargs={"pk": application.pk}),
        },
    )


def review_assigned(assignment: ReviewAssignment) -> None:
    application = assignment.application
    notify(
        kind=REVIEW_ASSIGNED,
        key=f"{REVIEW_ASSIGNED}:{assignment.pk}",
        recipient=assignment.reviewer,
        city=_city(application),
        context=lambda language: {
            "city_name": str(_city(application).name),
            "call_title": str(application.call.title),
            "review_path": reverse("startups:review_detail", kwargs={"pk": assignment.pk}),
        },
    )


def recommendation_request(recommendation: Recommendation, *, token: str, valid_days: int) -> None:
    """To the contact named by the applicant (maybe without an account): in the language the application
    was made in, the applicant's. One message per request (its `requested_at`, which the link carries too)."""
    application = recommendation.application
    applicant = application.applicant
    notify(
        kind=RECOMMENDATION_REQUEST,
        key=f"{RECOMMENDATION_REQUEST}:{recommendation.pk}:{recommendation.requested_at.isoformat()}",
        email=recommendation.contact_email,
        language=applicant.preferred_language,
        city=_city(application),
        context=lambda language: {
            "city_name": str(_city(application).name),
            "call_title": str(application.call.title),
            "company_name": application.company_name,
            "applicant_name": application.contact_name or applicant.get_full_name(),
            "applicant_email": application.contact_email or applicant.email,
            "organisation_name": str(recommendation.organisation),
            "respond_path": reverse("startups:recommendation_respond", kwargs={"token": token}),
            "valid_days": valid_days,
        },
    )


def recommendation_answered(recommendation: Recommendation) -> None:
    application = recommendation.application
    notify(
        kind=RECOMMENDATION_ANSWERED,
        key=f"{RECOMMENDATION_ANSWERED}:{recommendation.pk}:{recommendation.requested_at.isoformat()}",
        recipient=application.applicant,
        city=_city(application),
        context=lambda language: {
            "city_name": str(_city(application).name),
            "call_title": str(application.call.title),
            "company_name": application.company_name,
            "organisation_name": str(recommendation.organisation),
            "confirmed": recommendation.is_confirmed,
            "comment": recommendation.comment,
            "application_path": reverse("startups:application_detail", kwargs={"pk": application.pk}),
        },
    )
