"""Probes for load balancers and benchmarks."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers; touches neither the database nor the broker."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """The database answers and, when a broker is configured, so does the broker. Answers within a second
    when the broker refuses connections or never answers (one try, BROKER_SOCKET_TIMEOUT each way)."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure makes the probe fail
        checks["database"] = f"error: {exc.__class__.__name__}"
    from config.celery import app

    if not app.conf.task_always_eager:
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=0)  # the transport's channel pings Redis
            checks["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["broker"] = f"error: {exc.__class__.__name__}"
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
