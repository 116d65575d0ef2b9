"""Models of this bounded context (see its issue)."""
