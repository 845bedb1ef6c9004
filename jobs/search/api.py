"""``/api/v1/jobs/`` (the shared catalogue, searched with the page's filters), saved searches,
job feedback and hidden companies (the signed-in user's own)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from careercopilot.api_support import Pagination, validation_error
from jobs.dedup.services import also_listed
from jobs.models import Company, Job

from . import alerts, services
from .filters import JobFilter
from .models import HiddenCompany, JobInteraction, JobSearchRow, SavedSearch
from .serializers import (
    HiddenCompanySerializer,
    InteractionToggleSerializer,
    JobDetailSerializer,
    JobInteractionSerializer,
    JobListSerializer,
    SavedSearchMatchSerializer,
    SavedSearchSerializer,
)


class CappedPagination(Pagination):
    """The shared page shape; ``count`` stops at 1,000 and ``count_capped`` says there is more."""

    django_paginator_class = services.CappedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped
        return response

    def get_paginated_response_schema(self, schema):
        body = super().get_paginated_response_schema(schema)
        body["properties"]["count_capped"] = {"type": "boolean"}
        return body


class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """Search active canonical jobs (same parameters as the jobs page); open any job by id.

    Results stop at 1,000 (``count_capped``): add words or filters to narrow a broad search.
    """

    filter_backends = [DjangoFilterBackend]
    filterset_class = JobFilter
    pagination_class = CappedPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no query
            return (JobSearchRow if self.action == "list" else Job).objects.none()
        if self.action == "list":
            # Search runs on the narrow rows; the paginator loads the page's Job rows by id.
            self.marks = services.user_marks(self.request.user)
            return services.visible_rows(user=self.request.user, marks=self.marks)
        # Jobs are a shared catalogue: any stored job can be opened by id (but not a job
        # another user added by hand).
        return Job.objects.visible_to(self.request.user).select_related("source", "company")

    def get_serializer_class(self):
        return JobListSerializer if self.action == "list" else JobDetailSerializer

    def filter_queryset(self, queryset):
        # The search filters apply to the list only; any job can be opened by id.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        text = (request.query_params.get("q") or "").strip()
        marks = getattr(self, "marks", None)
        services.decorate_jobs(page, user=request.user, text=text, marks=marks)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        job = self.get_object()
        services.decorate_jobs([job], user=request.user)
        group = also_listed(job=job, user=request.user)
        serializer = JobDetailSerializer(
            job, context={**self.get_serializer_context(), "group": group}
        )
        return Response(serializer.data)

    @extend_schema(request=InteractionToggleSerializer, responses=InteractionToggleSerializer)
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def feedback(self, request, pk=None):
        """Save / hide / thumbs up / thumbs down / not_this_company; ``on: false`` undoes."""
        job = self.get_object()
        body = InteractionToggleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            kinds = services.job_interaction_set(
                user=request.user, job_id=job.pk, **body.validated_data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        return Response({"job": job.pk, "marks": sorted(kinds)})


class SavedSearchViewSet(viewsets.ModelViewSet):
    serializer_class = SavedSearchSerializer
    filter_backends = []

    def get_queryset(self):
        return alerts.saved_searches_with_new_matches(user=self.request.user)

    @extend_schema(responses=SavedSearchMatchSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=SavedSearchMatchSerializer)
    def matches(self, request, pk=None):
        """The new jobs this search's alert recorded, newest first (reading marks nothing seen)."""
        search = self.get_object()
        matches = (
            alerts.alert_matches(user=request.user, saved_search_id=search.pk)
            .select_related("job")
            .defer(*(f"job__{name}" for name in services.HEAVY_FIELDS))
        )
        page = self.paginate_queryset(matches)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.saved_search_create(
                user=self.request.user,
                name=serializer.validated_data["name"],
                params=serializer.validated_data.get("params", {}),
                alert=serializer.validated_data.get("alert", SavedSearch.Alert.OFF),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def perform_update(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.saved_search_update(
                user=self.request.user,
                saved_search_id=serializer.instance.pk,
                name=data.get("name"),
                params=data.get("params"),
                alert=data.get("alert"),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def perform_destroy(self, instance):
        services.saved_search_delete(user=self.request.user, saved_search_id=instance.pk)


class JobInteractionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your feedback on jobs (saved, hidden, thumbs)."""

    serializer_class = JobInteractionSerializer
    filterset_fields = ["kind", "job"]

    def get_queryset(self):
        return JobInteraction.objects.for_user(self.request.user).select_related("job")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job, kind = serializer.validated_data["job"], serializer.validated_data["kind"]
        services.job_interaction_set(user=request.user, job_id=job.pk, kind=kind)
        interaction = self.get_queryset().get(job=job, kind=kind)
        return Response(self.get_serializer(interaction).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.job_interaction_set(
            user=self.request.user, job_id=instance.job_id, kind=instance.kind, on=False
        )


class HiddenCompanyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Companies whose jobs you don't want to see."""

    serializer_class = HiddenCompanySerializer
    filter_backends = []

    def get_queryset(self):
        return HiddenCompany.objects.for_user(self.request.user).select_related("company")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        company: Company = serializer.validated_data["company"]
        services.company_hidden_set(user=request.user, company_id=company.pk)
        hidden = self.get_queryset().get(company=company)
        return Response(self.get_serializer(hidden).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.company_hidden_set(
            user=self.request.user, company_id=instance.company_id, on=False
        )


def register(router) -> None:
    router.register("jobs", JobViewSet, basename="job")
    router.register("saved-searches", SavedSearchViewSet, basename="saved-search")
    router.register("job-interactions", JobInteractionViewSet, basename="job-interaction")
    router.register("hidden-companies", HiddenCompanyViewSet, basename="hidden-company")
