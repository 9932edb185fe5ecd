"""A link to "my task in this case", for e-mails and deadlines written before the task exists:
it opens the person's open task in the case, or the case page when they have none."""

from django.shortcuts import redirect
from django.views import View

from workflow import selectors
from workflow.views.sak import CaseAccess


class MinOppgaveView(CaseAccess, View):
    def get(self, request, pk):
        task = selectors.open_task_of(request.user, pk)
        if task is None:
            return redirect("saker:sak", pk=pk)
        return redirect(task.flow_task.reverse("index", args=[task.process_id, task.pk]))
