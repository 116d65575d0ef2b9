"""The site's own pages: home, the partnership pages and their comparison, the open-data index and the legal
pages. They read every app's selectors; the apps keep their own pages (catalogue, places, calls, training)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from accounts.throttling import public_form_over_limit
from commitments.selectors import timeline as commitment_timeline
from common.app_hooks import my_space_sections
from common.forms import add_service_errors
from common.opendata import LICENCE_URL
from initiatives.selectors import initiative_list, with_actions
from initiatives.transparency import free_software_share
from partnership.models import Partnership
from partnership.selectors import partnership_detail_queryset, partnership_list, scorecard_labels, scorecards
from partnership.transparency import figure_labels, partnership_figures

from . import services
from .accessibility import load_results
from .forms import AccessibilityReportForm
from .opendata import DATASETS

REPORTS_PER_ADDRESS_PER_HOUR = 5
INITIATIVES_SHOWN = 12  # on a partnership's page; the catalogue, filtered on it, lists them all


def home(request: HttpRequest) -> HttpResponse:
    # Read only when the template renders them: a copy kept under the content versions ({% remember %} in the
    # template, a minute at most since the cards' actions read the clock) costs no query.
    return render(
        request,
        "portal/home.html",
        {
            "partnerships": partnership_list(),
            "latest_initiatives": SimpleLazyObject(lambda: with_actions(initiative_list().order_by("-created_at")[:6])),
        },
    )


@login_required
def my_space(request: HttpRequest) -> HttpResponse:
    """ "Mon espace": what is the person's in every app, what they must do next first. Each app gives its own
    section (`<app>/my_space.py`, `common.app_hooks.my_space_sections`), in a fixed number of queries."""
    sections = [section for provider in my_space_sections.providers() if (section := provider(request.user))]
    sections.sort(key=lambda section: section.order)
    tasks = sorted((task for section in sections for task in section.tasks), key=lambda task: task.order)
    return render(request, "portal/my_space.html", {"sections": sections, "tasks": tasks})


def partnership_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/partnership_list.html", {"partnerships": partnership_list()})


def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.select_related("city"), slug=slug)

    def details() -> dict:
        """What the page shows below its title, the same for everyone: read only when the template renders it
        (a copy kept under the content versions, {% remember %} in the template, costs no query)."""
        shown = partnership_detail_queryset().get(pk=partnership.pk)
        figures = partnership_figures([shown])[shown.pk]
        initiatives = initiative_list().filter(partnership=shown).order_by("-created_at", "pk")
        return {
            "partnership": shown,
            "figures": figures,
            "initiatives": list(initiatives[:INITIATIVES_SHOWN]),
            "initiative_total": next(f.value for f in figures if f.key == "initiatives"),
            "scorecard": scorecards([shown])[shown.pk],
            "commitment_timeline": commitment_timeline(shown),
        }

    return render(
        request, "portal/partnership_detail.html", {"partnership": partnership, "details": SimpleLazyObject(details)}
    )


def partnership_compare(request: HttpRequest) -> HttpResponse:
    """Built only when the template renders it: a copy kept under the content versions ({% remember %} in the
    template) costs no query."""

    def comparison() -> dict:
        partnerships = list(partnership_list())
        figures = partnership_figures(partnerships)
        rows = []
        for partnership in partnerships:
            free, vendor = free_software_share(figures[partnership.pk])
            rows.append(
                {"partnership": partnership, "figures": figures[partnership.pk], "free": free, "vendor": vendor}
            )
        # One line per figure, one column per partnership: easier to read than a column per figure.
        by_figure = [
            {"label": str(label), "values": [row["figures"][index].value for row in rows]}
            for index, (_key, label) in enumerate(figure_labels())
        ]
        cards = scorecards(partnerships)
        scorecard_lines = [
            {"label": label, "rows": [cards[partnership.pk][index] for partnership in partnerships]}
            for index, (_key, label) in enumerate(scorecard_labels())
        ]
        return {
            "rows": rows,
            "by_figure": by_figure,
            "scorecard_partnerships": partnerships,
            "scorecard_lines": scorecard_lines,
        }

    return render(request, "portal/partnership_compare.html", {"comparison": SimpleLazyObject(comparison)})


def open_data(request: HttpRequest) -> HttpResponse:
    datasets = [
        {
            "dataset": dataset,
            "modified": dataset.modified(),
            "files": {kind: dataset.url(kind) for kind in ("csv", "excel", "json", "schema")},
            "names": {kind: dataset.filename(kind) for kind in ("csv", "excel", "json", "schema")},
        }
        for dataset in DATASETS
    ]
    return render(request, "portal/open_data.html", {"licence_url": LICENCE_URL, "datasets": datasets})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (RGAA model), with the automatic test results of the last run."""
    return render(request, "portal/accessibility.html", {"results": load_results()})


def accessibility_report(request: HttpRequest) -> HttpResponse:
    """Report an accessibility problem: no account; a hidden field and a limit per address keep bots out."""
    form = AccessibilityReportForm(request.POST or None)
    if request.method == "POST":
        if public_form_over_limit(request, "portal.accessibility_report", REPORTS_PER_ADDRESS_PER_HOUR):
            return render(request, "429.html", status=429)
        if form.is_valid():
            if form.is_bot():  # answered as a success, recorded nowhere
                return redirect("portal:accessibility_report_sent")
            data = {name: form.cleaned_data[name] for name in ("description", "page_url", "name", "email")}
            try:
                services.accessibility_report_create(language=get_language(), **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("portal:accessibility_report_sent")
    return render(request, "portal/accessibility_report.html", {"form": form})


def accessibility_report_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility_report_sent.html")
