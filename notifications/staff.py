"""The staff pages: every e-mail the system wrote, and what is late or due (viewflow frontend)."""

from django.contrib.auth.mixins import UserPassesTestMixin
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.urls import Application

from felles.roles import Rolle, has_role, is_staff_member
from notifications import selectors
from notifications.models import Message
from notifications.rendering import body_admin_only, render_message


class StaffOnly(UserPassesTestMixin):
    def test_func(self):
        return is_staff_member(self.request.user)


def _is_administrator(user) -> bool:
    return user.is_superuser or has_role(user, Rolle.ADMINISTRATOR)


class OutboxView(StaffOnly, TemplateView):
    template_name = "notifications/staff/outbox.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        case_type_id = params.get("case_type") or None
        case_id = params.get("case_id") or None
        status = params.get("status", "")
        if status not in Message.Status.values:
            status = ""
        found = selectors.messages_list(
            case_type_id=case_type_id if (case_type_id or "").isdigit() else None,
            case_id=case_id if (case_id or "").isdigit() else None,
            status=status,
        )
        page = Paginator(found, 50).get_page(params.get("page"))
        case_type = case = None
        if case_type_id and case_type_id.isdigit():
            case_type = ContentType.objects.filter(pk=case_type_id).first()
        if case_type is not None and case_id and case_id.isdigit():
            case = case_type.model_class()._default_manager.filter(pk=case_id).first()
        return super().get_context_data(
            page=page,
            statuses=Message.Status.choices,
            status=status,
            case_type=case_type,
            case_id=case_id,
            case=case,
            **kwargs,
        )


class MessageDetailView(StaffOnly, TemplateView):
    template_name = "notifications/staff/message.html"

    def get_context_data(self, **kwargs):
        message = get_object_or_404(
            Message.objects.select_related("case_type").prefetch_related("attachments"),
            pk=kwargs["pk"],
        )
        if body_admin_only(message) and not _is_administrator(self.request.user):
            # A login link's e-mail: its body is the administrator's to read, even redacted.
            return super().get_context_data(
                message=message, subject=message.subject, hidden=True, **kwargs
            )
        if message.subject or message.body_text:
            subject, text, html, preview = (
                message.subject,
                message.body_text,
                message.body_html,
                False,
            )
        else:
            rendered = render_message(message)
            subject, text, html, preview = rendered.subject, rendered.text, rendered.html, True
        return super().get_context_data(
            message=message, subject=subject, text=text, html=html, preview=preview, **kwargs
        )


class OverviewView(StaffOnly, TemplateView):
    template_name = "notifications/staff/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=selectors.deadlines_overview(viewer=self.request.user), **kwargs
        )


class NotificationsApp(Application):
    title = _("Varsler")
    icon = "mail"
    app_name = "varsler"
    permission = staticmethod(is_staff_member)
    menu_template_name = "notifications/staff/menu.html"

    index_path = path("", OverviewView.as_view(), name="index")
    outbox_path = path("epost/", OutboxView.as_view(), name="outbox")
    message_path = path("epost/<int:pk>/", MessageDetailView.as_view(), name="message")
