"""``/api/v1/added-jobs/``: the jobs a user added by hand (private to them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from careercopilot.api_support import validation_error
from jobs.dedup.services import also_listed
from jobs.search.serializers import JobDetailSerializer

from . import manual
from .models import EmploymentType, Job, RemoteType


class AddJobSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    company = serializers.CharField(max_length=200)
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    remote_type = serializers.ChoiceField(choices=RemoteType.choices, default=RemoteType.UNKNOWN)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, required=False, allow_blank=True
    )
    salary = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=50_000, required=False, allow_blank=True)


class AddJobUrlSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000)


class AddedJobSerializer(JobDetailSerializer):
    catalogue_job = serializers.SerializerMethodField(
        help_text="The catalogue posting of the same job, when it is already in the catalogue."
    )

    class Meta(JobDetailSerializer.Meta):
        fields = [*JobDetailSerializer.Meta.fields, "catalogue_job"]
        read_only_fields = fields

    def get_catalogue_job(self, job) -> int | None:
        canonical = job.canonical
        return canonical.pk if canonical is not None and canonical.owner_id is None else None


class PrefillSerializer(serializers.Serializer):
    url = serializers.CharField()
    title = serializers.CharField()
    company = serializers.CharField()
    description = serializers.CharField()


class AddedJobViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Jobs you added by hand. Only you see them; a job already in the catalogue is linked to
    its catalogue posting (``catalogue_job``)."""

    serializer_class = AddedJobSerializer
    filter_backends = []

    def get_queryset(self):
        return Job.objects.for_user(self.request.user).select_related(
            "source", "company", "canonical"
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "action", None) == "retrieve" and "pk" in self.kwargs:
            job = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if job is not None:
                context["group"] = also_listed(job=job, user=self.request.user)
        return context

    def _created(self, outcome: manual.AddOutcome) -> Response:
        job = self.get_queryset().get(pk=outcome.job.pk)
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response(self.get_serializer(job).data, status=code)

    @extend_schema(
        request=AddJobSerializer,
        responses={201: AddedJobSerializer, 200: AddedJobSerializer},
    )
    def create(self, request, *args, **kwargs):
        """Add a job from its fields (201; 200 with the existing job when that link was added)."""
        body = AddJobSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            outcome = manual.job_add(user=request.user, data=body.validated_data)
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        return self._created(outcome)

    @extend_schema(
        request=AddJobUrlSerializer,
        responses={
            201: AddedJobSerializer,
            200: AddedJobSerializer,
            422: OpenApiResponse(
                description="The page has no schema.org JobPosting; ``prefill`` holds what it "
                "does say (title, site name, summary) for a follow-up POST with fields."
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="from-url")
    def from_url(self, request):
        """Add the job a page describes (its schema.org JobPosting), fetched safely."""
        body = AddJobUrlSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            outcome = manual.job_add_from_url(user=request.user, url=body.validated_data["url"])
        except DjangoValidationError as exc:
            raise validation_error(exc) from None
        if outcome.job is None:
            error = {
                "status": 422,
                "code": "no_job_data",
                "message": outcome.note,
                "fields": {},
            }
            prefill = PrefillSerializer(outcome.prefill).data
            return Response({"error": error, "prefill": prefill}, status=422)
        return self._created(outcome)

    def perform_destroy(self, instance):
        manual.job_remove(user=self.request.user, job_id=instance.pk)


def register(router) -> None:
    router.register("added-jobs", AddedJobViewSet, basename="added-job")
