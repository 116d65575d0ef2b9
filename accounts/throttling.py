"""django-axes glue: allauth authenticates with `email=`, its form posts `login`; both name the account."""


def axes_username(request, credentials) -> str | None:
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and hasattr(request, "POST"):
        value = request.POST.get("login")
    return value.strip().lower() if value else None
