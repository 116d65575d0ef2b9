from .catalogue import initiative_catalogue, initiative_detail

__all__ = ["initiative_catalogue", "initiative_detail"]
