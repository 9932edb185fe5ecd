"""Celery tasks of the soknader app: thin, they take ids and call one service."""

from celery import shared_task


@shared_task(name="soknader.tasks.innsendt_pdf_task", acks_late=True)
def innsendt_pdf_task(innsendt_id: int) -> int:
    """Make the PDF of a submitted application for the case file; returns its id."""
    from .models import InnsendtSoknad
    from .services import innsendt_pdf_ensure

    innsendt = InnsendtSoknad.objects.select_related("soknad").get(pk=innsendt_id)
    return innsendt_pdf_ensure(innsendt=innsendt).pk
