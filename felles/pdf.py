"""Documents for the case file as PDF, rendered from a Django template with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import translation


def _no_fetching(url, *args, **kwargs):
    # A case document is made from its own template only: text typed by an applicant
    # must never make the server fetch anything.
    raise ValueError(f"PDF documents load no external resources ({url[:80]}).")


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    """The template rendered to PDF bytes, in `language` when given."""
    if language:
        with translation.override(language):
            html = render_to_string(template, context)
    else:
        html = render_to_string(template, context)
    return pdf_from_html(html)


def pdf_from_html(html: str) -> bytes:
    """HTML to PDF bytes; nothing outside the HTML is ever fetched."""
    from weasyprint import HTML  # slow to import; only the code that makes PDFs pays for it

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
