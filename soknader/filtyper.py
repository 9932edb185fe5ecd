"""What an uploaded file really is, read from its content rather than its name."""

import zipfile
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


def _zip_type(fileobj) -> Filtype | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODT if mimetype == ODT.innholdstype else None
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


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
