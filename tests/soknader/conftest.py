import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _private_files_and_fresh_counters(settings, tmp_path):
    """Attachments go to a temporary folder; rate-limit counters and look-ups start empty."""
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.ENHETSREGISTERET_URL = "http://127.0.0.1:9/api"  # nothing listens: manual entry
    settings.ENHETSREGISTERET_TIMEOUT = 0.5
    cache.clear()
    yield
    cache.clear()
