"""Uploads are bounded: an archive's entry is read only so far, and a draft can have only so
many files refused before it is refused outright."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from felles.errors import DomainError
from soknader import filtyper, services
from soknader.models import Vedlegg

from .factories import draft_complete

pytestmark = pytest.mark.django_db

GIB = 1 << 30


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """An .odt of about 1 MB whose `mimetype` entry inflates to 1 GiB of one repeated byte."""
    buffer = io.BytesIO()
    chunk = b"a" * (1 << 20)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("mimetype", "w") as entry:
            for _ in range(GIB // len(chunk)):
                entry.write(chunk)
        z.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _lying(bomb: bytes) -> bytes:
    """The same bomb whose headers claim the entry is 39 bytes."""
    data = bytearray(bomb)
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = (39).to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (39).to_bytes(4, "little")
    return bytes(data)


def _odt(content: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), content)
        z.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_the_bomb_is_a_megabyte_that_inflates_to_a_gibibyte(zip_bomb):
    assert len(zip_bomb) < 1_200_000
    with zipfile.ZipFile(io.BytesIO(zip_bomb)) as z:
        assert z.getinfo("mimetype").file_size == GIB


@pytest.mark.parametrize("variant", ["honest", "lying"])
def test_a_zip_bomb_is_refused_in_under_a_second_with_under_100_mb(zip_bomb, variant):
    content = zip_bomb if variant == "honest" else _lying(zip_bomb)
    draft = draft_complete()
    upload = SimpleUploadedFile("plan.odt", content, content_type="application/zip")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DomainError) as refused:
            services.vedlegg_add(soknad=draft, type="prosjektplan", upload=upload)
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "wrong_type"
    assert seconds < 1.0, seconds  # it took 13 s to inflate the whole entry
    assert peak < 100 * 1024 * 1024, peak  # and 2.25 GB of memory
    assert not Vedlegg.objects.filter(soknad=draft).exists()


def test_a_real_odt_is_still_recognised_and_an_oversized_mimetype_entry_is_not():
    assert filtyper.filtype_detect(io.BytesIO(_odt())) == filtyper.ODT
    padded = b"application/vnd.oasis.opendocument.text" + b" " * 200
    assert filtyper.filtype_detect(io.BytesIO(_odt(padded))) is None


def test_refused_files_count_toward_a_limit_per_draft(settings):
    settings.SOKNAD_VEDLEGG_MAKS_AVVIST = (3, 24 * 3600)
    draft, other = draft_complete(), draft_complete(epost="per@bedrift.example")

    def upload(name, content):
        return SimpleUploadedFile(name, content)

    for _ in range(3):
        with pytest.raises(DomainError) as refused:
            services.vedlegg_add(soknad=draft, type="annet", upload=upload("x.pdf", b"nope"))
        assert refused.value.code == "wrong_type"
    # Past the limit even a good file is refused, without being read.
    with pytest.raises(DomainError) as refused:
        services.vedlegg_add(soknad=draft, type="annet", upload=upload("x.pdf", b"%PDF-1.4\n"))
    assert refused.value.code == "too_many_refused"
    assert "For mange filer er avvist" in refused.value.message
    # Another draft is not touched by this one's refusals.
    kept = services.vedlegg_add(soknad=other, type="annet", upload=upload("x.pdf", b"%PDF-1.4\n"))
    assert kept.soknad == other
