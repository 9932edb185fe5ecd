from .tasks import BekreftView, DelegertVedtakView, KontrollView, StemmeView, VurderingView

__all__ = ["BekreftView", "DelegertVedtakView", "KontrollView", "StemmeView", "VurderingView"]
