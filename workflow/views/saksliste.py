"""All cases for staff who read everything: search, filters, sorting, pages and export."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView

from workflow import saksliste


class SakslisteView(TemplateView):
    template_name = "workflow/saksliste.html"

    def get(self, request, *args, **kwargs):
        form, qs = saksliste.saker(request.GET)
        eksport = request.GET.get("eksport")
        if eksport in ("csv", "xlsx"):
            stamp = timezone.localdate().isoformat()
            if eksport == "csv":
                body, ctype = saksliste.as_csv(qs), "text/csv; charset=utf-8"
            else:
                body = saksliste.as_xlsx(qs)
                ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            response = HttpResponse(body, content_type=ctype)
            response["Content-Disposition"] = f'attachment; filename="saker-{stamp}.{eksport}"'
            return response
        page = Paginator(saksliste.with_open_tasks(qs), saksliste.PER_SIDE).get_page(
            request.GET.get("side")
        )
        query = request.GET.copy()
        query.pop("side", None)
        query.pop("eksport", None)
        rader = [
            {"sak": sak, "soknad": saksliste.soknad_of(sak), "aktive": saksliste.aktive(sak)}
            for sak in page.object_list
        ]
        return self.render_to_response(
            self.get_context_data(form=form, page=page, rader=rader, query=query.urlencode())
        )
