from django.utils.html import escape
from rest_framework import serializers

from jobs.models import Job

from .models import HiddenCompany, JobInteraction, SavedSearch, SavedSearchMatch
from .services import INTERACTION_KINDS

JOB_FIELDS = [
    "id",
    "title",
    "company",
    "company_name",
    "locations",
    "countries",
    "remote_type",
    "remote_regions",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_annual_min",
    "salary_annual_max",
    "salary_estimated",
    "employment_type",
    "seniority",
    "skills",
    "visa_sponsorship",
    "relocation",
    "posted_at",
    "first_seen_at",
    "is_active",
    "is_canonical",
    "canonical",
    "repost_count",
    "source_kind",
    "url",
    "apply_url",
]


class JobListSerializer(serializers.ModelSerializer):
    snippet_html = serializers.SerializerMethodField(
        help_text="Description excerpt, HTML-escaped, with <mark> around search hits."
    )
    my_marks = serializers.SerializerMethodField(help_text="Your feedback: saved, hidden, …")

    class Meta:
        model = Job
        fields = [*JOB_FIELDS, "snippet_html", "my_marks"]
        read_only_fields = fields

    def get_snippet_html(self, job) -> str:
        pieces = getattr(job, "snippet", [])
        return "".join(f"<mark>{escape(t)}</mark>" if hit else escape(t) for t, hit in pieces)

    def get_my_marks(self, job) -> list[str]:
        return sorted(getattr(job, "user_kinds", ()))


class GroupMemberSerializer(serializers.ModelSerializer):
    board = serializers.CharField(source="source.adapter.label")

    class Meta:
        model = Job
        fields = ["id", "source_kind", "board", "url", "apply_url", "is_canonical", "is_active"]


class JobDetailSerializer(JobListSerializer):
    group = serializers.SerializerMethodField(help_text="Other postings of the same job.")
    credit = serializers.SerializerMethodField()
    link_back_required = serializers.SerializerMethodField()

    class Meta(JobListSerializer.Meta):
        fields = [
            *JobListSerializer.Meta.fields,
            "description_html",
            "description_text",
            "group",
            "credit",
            "link_back_required",
        ]
        read_only_fields = fields

    def get_group(self, job) -> list[dict]:
        return GroupMemberSerializer(self.context.get("group", []), many=True).data

    def get_credit(self, job) -> str:
        return job.source.credit_text or (job.source.adapter.credit or "").split(";")[0].strip()

    def get_link_back_required(self, job) -> bool:
        return job.source.adapter.link_back_required or job.source.link_back_required


class SavedSearchSerializer(serializers.ModelSerializer):
    params = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text='Job list parameters, e.g. {"q": "python", "remote": ["remote"]}.',
    )
    new_matches = serializers.SerializerMethodField(
        help_text="New jobs recorded by this search's alert and not seen yet."
    )

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "name",
            "params",
            "alert",
            "last_alerted_at",
            "new_matches",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "last_alerted_at", "new_matches", "created_at", "updated_at"]

    def get_new_matches(self, search) -> int:
        annotated = getattr(search, "new_matches", None)  # the viewset's queryset counts them
        if annotated is not None:
            return annotated
        return search.matches.filter(seen_at=None).count()


class AlertJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = JOB_FIELDS
        read_only_fields = fields


class SavedSearchMatchSerializer(serializers.ModelSerializer):
    job = AlertJobSerializer(read_only=True)

    class Meta:
        model = SavedSearchMatch
        fields = ["id", "job", "created_at", "seen_at"]
        read_only_fields = fields


class VisibleJobField(serializers.PrimaryKeyRelatedField):
    """A job id the requesting user may see: the catalogue plus their own hand-added jobs."""

    def get_queryset(self):
        request = self.context.get("request")
        return Job.objects.visible_to(getattr(request, "user", None))


class JobInteractionSerializer(serializers.ModelSerializer):
    job = VisibleJobField()

    class Meta:
        model = JobInteraction
        fields = ["id", "job", "kind", "created_at"]
        read_only_fields = ["id", "created_at"]


class InteractionToggleSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=INTERACTION_KINDS)
    on = serializers.BooleanField(default=True)


class HiddenCompanySerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)

    class Meta:
        model = HiddenCompany
        fields = ["id", "company", "company_name", "created_at"]
        read_only_fields = ["id", "company_name", "created_at"]
