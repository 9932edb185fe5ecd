"""The inbox task of a project's case opens the staff form that decides it."""

from django.views.generic import RedirectView

from plp.selectors import prosjektsak_skjema_url


class OppgaveView(RedirectView):
    """The task's page is the case's existing form (payout request, final report, change
    request); the decision there completes the task."""

    def get_redirect_url(self, *args, **kwargs):
        return prosjektsak_skjema_url(self.request.activation.process.artifact_object_id)
