from django.contrib import admin

from notifications.models import Deadline, Escalation, Message, Preference, Reminder, ReminderRule


class EscalationInline(admin.TabularInline):
    model = Escalation
    extra = 1


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "days_before", "days_after", "default_due_days", "active"]
    list_editable = ["active"]
    inlines = [EscalationInline]


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "offset_days", "role", "send_at", "status", "handled_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "user", "email", "due_at", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "email", "user__username", "user__email"]
    date_hierarchy = "due_at"
    inlines = [ReminderInline]
    readonly_fields = ["key", "created_at", "closed_at", "status"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read only: the outbox is written by message_send and the workers."""

    list_display = ["created_at", "template", "to_email", "status", "attempts", "is_legal"]
    list_filter = ["status", "template", "is_legal"]
    search_fields = ["to_email", "key", "provider_message_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "delivery", "language"]
