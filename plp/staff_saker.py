"""A project's cases in the staff site, at /staff/prosjektsaker/ (URL namespace
`prosjektsaker`): the inbox, queue and archive of payout requests, final reports and change
requests, with the same pages as the other case flows."""

from viewflow.workflow.flow import FlowAppViewset

from plp.flows import ProsjektsakFlow
from workflow.staff import (
    ArchiveView,
    DashboardView,
    InboxView,
    ProcessListView,
    QueueView,
    TaskListView,
)


class ProsjektsakFlowApp(FlowAppViewset):
    dashboard_view_class = DashboardView
    process_list_view_class = ProcessListView
    task_list_view_class = TaskListView
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView


def prosjektsak_flow_app() -> ProsjektsakFlowApp:
    return ProsjektsakFlowApp(ProsjektsakFlow, icon="fact_check", app_name="prosjektsaker")
