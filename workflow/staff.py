"""The case flow in the staff site: viewflow's inbox, queue, archive and process pages,
plus the case page, letters and the board's meetings."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateRangeFilter, FilterSet
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow import views as vf
from viewflow.workflow.flow.views.filters import get_queryset_flow_task_choices
from viewflow.workflow.models import Task

from felles import access
from workflow.flows import KlageFlow, SoknadFlow
from workflow.views import (
    habilitet,
    klage,
    moter,
    omgjoring,
    oppgave,
    sak,
    saksliste,
    stotteregister,
)


class ReadAllOnly:
    """Lists of every case are for those who read everything, not for board members."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.may_read_all(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def saksnummer_of(process) -> str:
    return (process.data or {}).get("saksnummer") or ""


class TaskCaseNumber:
    """A task's link names its case by saksnummer, not by viewflow's process and task
    numbers ("#4/18")."""

    def task_id(self, task):
        url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
        return format_html('<a href="{}">{}</a>', url, saksnummer_of(task.process) or "–")

    task_id.short_description = _("Saksnummer")


class ProcessListView(ReadAllOnly, vf.DashboardProcessListView):
    columns = ("process_id", "brief", "created", "finished", "active_tasks")

    def get_queryset(self):
        # Paginated: newest first, and stable (Meta.ordering is dropped by the GROUP BY).
        return super().get_queryset().order_by("-created", "-pk")

    # viewflow names these columns after its methods, in English.
    def process_id(self, process):
        """The case by its saksnummer, to its case page."""
        nr = saksnummer_of(process)
        if not nr:
            return super().process_id(process)
        url = reverse("saker:sak_nr", kwargs={"saksnummer": nr})
        return format_html('<a href="{}">{}</a>', url, nr)

    process_id.short_description = _("Saksnummer")

    def brief(self, process):
        return process.brief

    brief.short_description = _("Sak")

    def active_tasks(self, process):
        return process.active_tasks_count

    active_tasks.short_description = _("Åpne oppgaver")


class TaskListView(TaskCaseNumber, ReadAllOnly, vf.DashboardTaskListView):
    def flow_task(self, task):
        return task.flow_task.task_title

    flow_task.short_description = _("Oppgave")

    def process_summary(self, task):
        return super().process_summary(task)

    process_summary.short_description = _("Sak")


class UserTaskFilter(FilterSet):
    """Inbox and queue filters by step and date. Viewflow's own filter also offers every
    case with an open task as a select option, which makes the page grow with the number
    of tasks (2.7 MB of HTML at 10 000 tasks); the case number is in each row instead."""

    flow_task = ChoiceFilter()
    created = DateRangeFilter()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["flow_task"].field.choices = get_queryset_flow_task_choices(self.queryset)

    class Meta:
        model = Task
        fields = ("flow_task", "created")


class CaseColumn(TaskCaseNumber):
    def brief(self, task):
        return task.brief

    brief.short_description = _("Sak")


class InboxView(CaseColumn, vf.FlowInboxListView):
    filterset_class = UserTaskFilter


class QueueView(CaseColumn, vf.FlowQueueListView):
    filterset_class = UserTaskFilter


class ArchiveView(CaseColumn, vf.FlowArchiveListView):
    """The tasks a person has done: which step, in which case, when."""

    columns = ("task_id", "oppgave", "brief", "created", "finished")

    def oppgave(self, task):
        return task.flow_task.task_title

    oppgave.short_description = _("Oppgave")


class SakslisteView(LoginRequiredMixin, ReadAllOnly, saksliste.SakslisteView):
    pass


class DashboardView(vf.DashboardView):
    template_name = "workflow/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.may_read_all(request.user):
            return redirect("saker:inbox")
        return super().dispatch(request, *args, **kwargs)


class SoknadFlowApp(FlowAppViewset):
    dashboard_view_class = DashboardView
    process_list_view_class = ProcessListView
    task_list_view_class = TaskListView
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView

    sak_path = path("sak/<int:pk>/", sak.SakView.as_view(), name="sak")
    oppgave_path = path("sak/<int:pk>/oppgave/", oppgave.MinOppgaveView.as_view(), name="oppgave")
    sak_nr_path = path("sak/nr/<str:saksnummer>/", sak.SaksnummerView.as_view(), name="sak_nr")
    saksliste_path = path("alle/", SakslisteView.as_view(), name="saksliste")
    avslutt_path = path("sak/<int:pk>/avslutt/", sak.AvsluttView.as_view(), name="avslutt")
    brev_path = path("brev/<int:pk>/", sak.BrevView.as_view(), name="brev")
    omgjoring_varsel_path = path(
        "sak/<int:pk>/omgjoring/", omgjoring.VarselView.as_view(), name="omgjoring_varsel"
    )
    omgjoring_vedtak_path = path(
        "omgjoring/<int:pk>/", omgjoring.VedtakView.as_view(), name="omgjoring_vedtak"
    )
    menu_template_name = "workflow/menu.html"

    moter_path = path("moter/", moter.MoterView.as_view(), name="moter")
    mote_ny_path = path("moter/ny/", moter.MoteNyView.as_view(), name="mote_ny")
    mote_endre_path = path(
        "moter/<int:pk>/endre/", moter.MoteEndreView.as_view(), name="mote_endre"
    )
    klage_path = path("sak/<int:pk>/klage/", klage.KlageRegistrerView.as_view(), name="klage")
    svarfrist_path = path("sak/<int:pk>/svarfrist/", sak.SvarfristView.as_view(), name="svarfrist")
    mote_path = path("moter/<int:pk>/", moter.MoteView.as_view(), name="mote")
    habilitet_avgjor_path = path(
        "sak/<int:pk>/habilitet/<int:hid>/",
        habilitet.AvgjorView.as_view(),
        name="habilitet_avgjor",
    )
    settestyreleder_path = path(
        "sak/<int:pk>/settestyreleder/",
        habilitet.SettestyrelederView.as_view(),
        name="settestyreleder",
    )
    saksbehandler_path = path(
        "sak/<int:pk>/saksbehandler/", habilitet.SaksbehandlerView.as_view(), name="saksbehandler"
    )
    protokoll_path = path(
        "moter/<int:pk>/protokoll.pdf", moter.ProtokollView.as_view(), name="protokoll"
    )
    stotteregister_path = path(
        "stotteregister/", stotteregister.StotteregisterView.as_view(), name="stotteregister"
    )
    stotteregister_eksport_path = path(
        "stotteregister/eksport.<str:fmt>",
        stotteregister.StotteregisterExportView.as_view(),
        name="stotteregister_eksport",
    )


def soknad_flow_app() -> SoknadFlowApp:
    """The case app in the staff site, at /staff/saker/ (URL namespace `saker`)."""
    return SoknadFlowApp(SoknadFlow, icon="assignment", app_name="saker")


class KlageFlowApp(FlowAppViewset):
    dashboard_view_class = DashboardView
    process_list_view_class = ProcessListView
    task_list_view_class = TaskListView
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView


def klage_flow_app() -> KlageFlowApp:
    """Appeals in the staff site, at /staff/klager/ (URL namespace `klager`)."""
    return KlageFlowApp(KlageFlow, icon="gavel", app_name="klager")
