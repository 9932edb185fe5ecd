"""The case flow in the staff site: viewflow's inbox, queue, archive and process pages,
plus the case page, letters and the board's meetings."""

from django.urls import path
from viewflow.workflow.flow import FlowAppViewset

from workflow.flows import SoknadFlow
from workflow.views import sak


class SoknadFlowApp(FlowAppViewset):
    sak_path = path("sak/<int:pk>/", sak.SakView.as_view(), name="sak")
    avslutt_path = path("sak/<int:pk>/avslutt/", sak.AvsluttView.as_view(), name="avslutt")
    brev_path = path("brev/<int:pk>/", sak.BrevView.as_view(), name="brev")
    moter_path = path("moter/", sak.MoterView.as_view(), name="moter")
    mote_path = path("moter/<int:pk>/", sak.MoteView.as_view(), name="mote")
    protokoll_path = path(
        "moter/<int:pk>/protokoll.pdf", sak.ProtokollView.as_view(), name="protokoll"
    )


def soknad_flow_app() -> SoknadFlowApp:
    return SoknadFlowApp(SoknadFlow, icon="assignment")
