"""REST endpoints for applications, interviews, contacts, goals, reminders and the feed."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from careercopilot.api_support import validation_error

from . import imports, services
from .analytics import analytics_figures, goals_progress
from .exports import export_csv, export_json
from .filters import ApplicationFilter
from .models import Application, CalendarFeedToken, Contact, FollowUpReminder, Goal, Interview
from .serializers import (
    ApplicationSerializer,
    ApplyToJobSerializer,
    BulkChangeStatusSerializer,
    CalendarFeedCreatedSerializer,
    CalendarFeedSerializer,
    ChangeStatusSerializer,
    ContactSerializer,
    GoalSerializer,
    ImportSerializer,
    InterviewSerializer,
    ReminderSerializer,
)


class AlreadyAppliedError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "already_applied"

    def __init__(self, message: str, application_id: int) -> None:
        super().__init__({"detail": message, "application": str(application_id)})


class ApplicationViewSet(viewsets.ModelViewSet):
    """Applications; the status changes only through ``change-status``."""

    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter

    def get_queryset(self):
        return Application.objects.for_user(self.request.user).prefetch_related("status_changes")

    def perform_create(self, serializer):
        try:
            serializer.instance = services.application_create(
                user=self.request.user, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)  # unchanged, or validation already refused it
        try:
            services.application_update(
                user=self.request.user, application_id=serializer.instance.pk, data=data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        services.applications_delete(user=self.request.user, application_ids=[instance.pk])

    @extend_schema(request=ApplyToJobSerializer, responses={201: ApplicationSerializer, 409: None})
    @action(detail=False, methods=["post"], url_path="apply-to-job")
    def apply_to_job(self, request):
        """Start an application from a catalogue job (one per canonical job)."""
        from jobs.models import Job

        data = ApplyToJobSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            application = services.application_apply_to_job(
                user=request.user, job_id=data.validated_data["job"]
            )
        except Job.DoesNotExist:
            raise ValidationError({"job": ["No such job."]}) from None
        except services.AlreadyApplied as exc:
            raise AlreadyAppliedError(str(exc), exc.application.pk) from None
        body = self.get_serializer(self.get_queryset().get(pk=application.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=ChangeStatusSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="change-status")
    def change_status(self, request, pk=None):
        application = self.get_object()
        data = ChangeStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.application_change_status(
                user=request.user,
                application_id=application.pk,
                to_status=data.validated_data["status"],
                note=data.validated_data["note"],
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return Response(self.get_serializer(self.get_queryset().get(pk=application.pk)).data)

    @extend_schema(request=BulkChangeStatusSerializer, responses=ApplicationSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="bulk-change-status")
    def bulk_change_status(self, request):
        data = BulkChangeStatusSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            moved = services.applications_change_status(
                user=request.user,
                application_ids=[a.pk for a in data.validated_data["ids"]],
                to_status=data.validated_data["status"],
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        queryset = self.get_queryset().filter(pk__in=[a.pk for a in moved])
        return Response(self.get_serializer(queryset, many=True).data)

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def analytics(self, request):
        """The same figures as the analytics page, plus goal progress."""
        figures = analytics_figures(user=request.user)
        figures["goals"] = goals_progress(user=request.user)
        return Response(figures)

    @extend_schema(
        parameters=[OpenApiParameter("as", str, enum=["json", "csv"], required=False)],
        responses={200: dict},
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """Everything, with history, interviews and contacts; ``?as=csv`` for a spreadsheet."""
        if request.query_params.get("as") == "csv":
            response = HttpResponse(
                export_csv(user=request.user), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="applications.csv"'
            return response
        return Response(export_json(user=request.user))

    @extend_schema(request={"multipart/form-data": ImportSerializer}, responses={201: dict})
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_csv(self, request):
        """Import a CSV; with invalid rows nothing is written unless ``skip_invalid`` is true."""
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            result = imports.applications_import(
                user=request.user,
                data=upload.read(imports.max_bytes() + 1),
                mapping=data.validated_data.get("mapping"),
                skip_invalid=data.validated_data["skip_invalid"],
            )
        except imports.ImportFileError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        rows = [f"Line {e.line}: {'; '.join(e.errors)}" for e in result.errors]
        if not result.imported:
            message = (
                f"{len(rows)} invalid row(s); nothing was imported."
                if rows
                else "Nothing to import."
            )
            raise ValidationError({"non_field_errors": [message], "rows": rows})
        return Response(
            {"imported": result.imported, "skipped": rows}, status=status.HTTP_201_CREATED
        )


class InterviewViewSet(viewsets.ModelViewSet):
    serializer_class = InterviewSerializer
    filterset_fields = ["application", "kind", "outcome"]

    def get_queryset(self):
        queryset = Interview.objects.for_user(self.request.user)
        if self.request.query_params.get("upcoming") in ("1", "true"):
            queryset = queryset.upcoming(now=timezone.now())
        return queryset

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        application = data.pop("application")
        try:
            serializer.instance = services.interview_schedule(
                user=self.request.user, application_id=application.pk, **data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def perform_update(self, serializer):
        try:
            serializer.instance = services.interview_update(
                user=self.request.user,
                interview_id=serializer.instance.pk,
                data=dict(serializer.validated_data),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc


class ContactViewSet(viewsets.ModelViewSet):
    serializer_class = ContactSerializer

    def get_queryset(self):
        return Contact.objects.for_user(self.request.user).prefetch_related("applications")

    def _save(self, serializer, contact_id=None):
        data = dict(serializer.validated_data)
        applications = data.pop("applications", None)
        try:
            serializer.instance = services.contact_save(
                user=self.request.user,
                data=data,
                application_ids=None if applications is None else [a.pk for a in applications],
                contact_id=contact_id,
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, contact_id=serializer.instance.pk)


class GoalViewSet(viewsets.ModelViewSet):
    serializer_class = GoalSerializer

    def get_queryset(self):
        return Goal.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


class ReminderViewSet(viewsets.ModelViewSet):
    serializer_class = ReminderSerializer
    filterset_fields = ["application", "status", "reason"]

    def get_queryset(self):
        return FollowUpReminder.objects.for_user(self.request.user)

    def perform_update(self, serializer):
        new_status = serializer.validated_data.get("status")
        if new_status in ("done", "dismissed") and new_status != serializer.instance.status:
            serializer.validated_data["resolved_at"] = timezone.now()
        serializer.save()


class CalendarFeedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The private calendar feed: GET its state, POST to (re)generate, POST revoke/ to end it."""

    serializer_class = CalendarFeedSerializer
    pagination_class = None

    def get_queryset(self):
        return CalendarFeedToken.objects.for_user(self.request.user)

    def list(self, request, *args, **kwargs):
        token = self.get_queryset().first()
        if token is None:
            raise NotFound("No calendar feed yet; POST to create one.")
        return Response(CalendarFeedSerializer(token).data)

    @extend_schema(request=None, responses={201: CalendarFeedCreatedSerializer})
    def create(self, request, *args, **kwargs):
        secret = services.calendar_feed_regenerate(user=request.user)
        body = CalendarFeedSerializer(self.get_queryset().get()).data
        body["url"] = request.build_absolute_uri(
            reverse("applications:calendar_feed", args=[secret])
        )
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=False, methods=["post"])
    def revoke(self, request):
        services.calendar_feed_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("applications", ApplicationViewSet, basename="application")
    router.register("interviews", InterviewViewSet, basename="interview")
    router.register("contacts", ContactViewSet, basename="contact")
    router.register("goals", GoalViewSet, basename="goal")
    router.register("reminders", ReminderViewSet, basename="reminder")
    router.register("calendar-feed", CalendarFeedViewSet, basename="calendar-feed")
