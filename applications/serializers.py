from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from careercopilot.reference import CURRENCY_CODES

from .models import (
    Application,
    CalendarFeedToken,
    Contact,
    FollowUpReminder,
    Goal,
    Interview,
    ReminderReason,
    ReminderStatus,
    Status,
    StatusChange,
)
from .services import EDITABLE_FIELDS


@extend_schema_field(OpenApiTypes.INT)
class OwnedApplicationField(serializers.PrimaryKeyRelatedField):
    """An application id that must belong to the requesting user ("does not exist" otherwise)."""

    def get_queryset(self):
        request = self.context.get("request")
        return Application.objects.for_user(getattr(request, "user", None))


class WallClockDateTimeField(serializers.DateTimeField):
    """Keeps a time without offset naive: the service reads it in the interview's time zone."""

    def enforce_timezone(self, value):
        if timezone.is_naive(value):
            return value
        return super().enforce_timezone(value)


def _inline_choice_field(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented as a string listing its values. drf-spectacular turns every
    enum into a component named after the field, and ``status``/``to_status`` would clash with
    the application status enum (a warning that fails ``check --deploy``)."""

    values = ", ".join(f"`{value}`" for value, _ in choices if value)

    @extend_schema_field({"type": "string", "description": f"One of {values}."})
    class DocumentedChoiceField(serializers.ChoiceField):
        pass

    return DocumentedChoiceField(choices=choices, **kwargs)


class StatusChangeSerializer(serializers.ModelSerializer):
    from_status = _inline_choice_field([("", "—"), *Status.choices], read_only=True)
    to_status = _inline_choice_field(Status.choices, read_only=True)

    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "changed_at", "note"]


class ApplicationSerializer(serializers.ModelSerializer):
    allowed_transitions = serializers.ListField(
        source="allowed_targets", child=serializers.CharField(), read_only=True
    )
    history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    salary_currency = serializers.CharField(
        max_length=3, required=False, allow_blank=True, help_text="ISO 4217, e.g. EUR."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "status",
            "job",
            *EDITABLE_FIELDS,
            "allowed_transitions",
            "history",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "job", "created_at", "updated_at"]

    def validate_status(self, value):
        if self.instance is not None and value != self.instance.status:
            raise serializers.ValidationError(
                "Change the status with the change-status action, which checks the pipeline."
            )
        return value

    def validate_salary_currency(self, value):
        code = (value or "").strip().upper()
        if code and code not in CURRENCY_CODES:
            raise serializers.ValidationError(f"“{value}” is not an ISO 4217 currency code.")
        return code


class ChangeStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class BulkChangeStatusSerializer(serializers.Serializer):
    ids = OwnedApplicationField(many=True, allow_empty=False)
    status = serializers.ChoiceField(choices=Status.choices)


class InterviewSerializer(serializers.ModelSerializer):
    application = OwnedApplicationField()
    starts_at = WallClockDateTimeField(
        help_text="ISO 8601. Without an offset it is wall-clock time in time_zone."
    )
    ends_at = WallClockDateTimeField(
        required=False, help_text="Optional; sets duration_minutes. Must be after starts_at."
    )
    time_zone = serializers.CharField(max_length=64)
    duration_minutes = serializers.IntegerField(required=False, min_value=1, max_value=24 * 60)

    class Meta:
        model = Interview
        fields = [
            "id",
            "application",
            "kind",
            "starts_at",
            "ends_at",
            "time_zone",
            "duration_minutes",
            "location",
            "video_url",
            "interviewers",
            "prep_notes",
            "outcome",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]

    def validate_application(self, value):
        if self.instance is not None and value.pk != self.instance.application_id:
            raise serializers.ValidationError("An interview cannot move to another application.")
        return value


class ContactSerializer(serializers.ModelSerializer):
    applications = OwnedApplicationField(many=True, required=False)

    class Meta:
        model = Contact
        fields = [
            "id",
            "name",
            "role",
            "email",
            "phone",
            "profile_url",
            "notes",
            "applications",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "metric", "target", "period", "created_at"]
        read_only_fields = ["id", "created_at"]

    def validate(self, attrs):
        request = self.context["request"]
        metric = attrs.get("metric", getattr(self.instance, "metric", None))
        period = attrs.get("period", getattr(self.instance, "period", "week"))
        clash = Goal.objects.for_user(request.user).filter(metric=metric, period=period)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError("You already have this goal; change its target.")
        return attrs


class ReminderSerializer(serializers.ModelSerializer):
    application = OwnedApplicationField()
    status = _inline_choice_field(ReminderStatus.choices, required=False)
    reason = serializers.ChoiceField(choices=ReminderReason.choices, default="follow_up")

    class Meta:
        model = FollowUpReminder
        fields = ["id", "application", "due_on", "reason", "status", "created_at", "resolved_at"]
        read_only_fields = ["id", "created_at", "resolved_at"]

    def validate(self, attrs):
        application = attrs.get("application", getattr(self.instance, "application", None))
        due_on = attrs.get("due_on", getattr(self.instance, "due_on", None))
        reason = attrs.get("reason", getattr(self.instance, "reason", None))
        if self.instance is not None and application.pk != self.instance.application_id:
            raise serializers.ValidationError(
                {"application": "A reminder cannot move to another application."}
            )
        clash = FollowUpReminder.objects.filter(
            application=application, due_on=due_on, reason=reason
        )
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError("This reminder already exists.")
        return attrs


class CalendarFeedSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = CalendarFeedToken
        fields = ["hint", "created_at", "revoked_at", "is_active"]


class CalendarFeedCreatedSerializer(CalendarFeedSerializer):
    url = serializers.CharField(read_only=True, help_text="The feed URL. Shown only once.")

    class Meta(CalendarFeedSerializer.Meta):
        fields = [*CalendarFeedSerializer.Meta.fields, "url"]


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    mapping = serializers.JSONField(
        binary=True, required=False, help_text='Field → column header, e.g. {"title": "Job Title"}.'
    )
    skip_invalid = serializers.BooleanField(default=False)

    def validate_mapping(self, value):
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise serializers.ValidationError("Expected an object of field → column name.")
        return value


class ApplyToJobSerializer(serializers.Serializer):
    job = serializers.IntegerField(min_value=1, help_text="Id of a job in the catalogue.")
