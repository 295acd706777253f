"""The team server: REST API under /api/v1 (FastAPI); ``create_app(settings)`` builds it."""

from decisionroom.web.app import create_app

__all__ = ["create_app"]
