import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL or Redis are skipped, with the reason, without them."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    skips = {}
    if not engine.endswith("postgresql"):
        skips["postgres"] = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (CI does)")
    if not settings.REDIS_URL:
        skips["redis"] = pytest.mark.skip(reason="needs Redis: set REDIS_URL (CI does)")
    for item in items:
        for marker, skip in skips.items():
            if marker in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"
