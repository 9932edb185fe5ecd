"""What an uploaded file really is, read from its content rather than its name."""

import zipfile
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Filtype:
    navn: str
    innholdstype: str
    endelser: tuple[str, ...]


PDF = Filtype("PDF", "application/pdf", (".pdf",))
PNG = Filtype("PNG", "image/png", (".png",))
JPEG = Filtype("JPEG", "image/jpeg", (".jpg", ".jpeg"))
DOCX = Filtype(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = Filtype(
    "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
ODT = Filtype("ODT", "application/vnd.oasis.opendocument.text", (".odt",))

ALLE = (PDF, DOCX, XLSX, ODT, PNG, JPEG)

# An OpenDocument `mimetype` entry is a few dozen bytes, stored uncompressed. An entry that
# claims more, or inflates to more, is refused without inflating it: a zip bomb of one
# megabyte can hold gigabytes.
MIMETYPE_MAKS_BYTE = 100


def _zip_type(fileobj) -> Filtype | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODT if _mimetype_read(archive) == ODT.innholdstype else None
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (
        zipfile.BadZipFile,
        OSError,
        KeyError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
        zlib.error,
    ):
        return None
    return None


def _mimetype_read(archive: zipfile.ZipFile) -> str | None:
    """The `mimetype` entry, read at most MIMETYPE_MAKS_BYTE + 1 bytes far; None when it is
    larger than that (whatever its header claims)."""
    if archive.getinfo("mimetype").file_size > MIMETYPE_MAKS_BYTE:
        return None
    with archive.open("mimetype") as entry:
        content = entry.read(MIMETYPE_MAKS_BYTE + 1)
    if len(content) > MIMETYPE_MAKS_BYTE:
        return None
    return content.decode("ascii", "replace").strip()


def filtype_detect(fileobj) -> Filtype | None:
    """The type of an uploaded file by its magic bytes (and the inner files of a ZIP)."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(fileobj)
        return None
    finally:
        fileobj.seek(0)
