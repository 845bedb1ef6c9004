from rest_framework import serializers

from careercopilot.reference import CURRENCY_CODES

from .models import ApiToken, Profile, Skill, User


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "display_name", "date_joined"]
        read_only_fields = ["id", "email", "date_joined"]


class LocationSerializer(serializers.Serializer):
    city = serializers.CharField(max_length=100, allow_null=True, required=False)
    country = serializers.CharField(max_length=2)

    def validate_country(self, value):
        from careercopilot.reference import COUNTRY_CODES

        code = value.upper()
        if code not in COUNTRY_CODES:
            raise serializers.ValidationError(f"“{value}” is not an ISO 3166 country code.")
        return code


class ProfileSerializer(serializers.ModelSerializer):
    target_titles = serializers.ListField(
        child=serializers.CharField(max_length=100), max_length=30, required=False
    )
    preferred_locations = LocationSerializer(many=True, required=False)
    work_authorization = serializers.ListField(
        child=serializers.CharField(max_length=2), max_length=60, required=False
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=30, required=False
    )
    min_salary = serializers.IntegerField(min_value=0, allow_null=True, required=False)
    salary_currency = serializers.CharField(max_length=3, allow_blank=True, required=False)
    completeness = serializers.SerializerMethodField()

    class Meta:
        model = Profile
        fields = [
            "headline",
            "target_titles",
            "preferred_locations",
            "remote_preference",
            "min_salary",
            "salary_currency",
            "salary_period",
            "seniority",
            "years_experience",
            "work_authorization",
            "needs_visa_sponsorship",
            "languages",
            "time_zone",
            "weekly_application_goal",
            "follow_up_after_days",
            "ghosted_after_days",
            "completeness",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def get_completeness(self, obj) -> dict:
        return obj.completeness()

    def validate_salary_currency(self, value):
        code = (value or "").upper()
        if code and code not in CURRENCY_CODES:
            raise serializers.ValidationError(f"“{value}” is not an ISO 4217 currency code.")
        return code

    def validate_work_authorization(self, value):
        return [code.upper() for code in value]


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["id", "name", "years", "level", "created_at"]
        read_only_fields = ["id", "created_at"]


class ApiTokenSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "hint",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
            "is_active",
        ]
        read_only_fields = ["id", "hint", "created_at", "last_used_at", "revoked_at"]


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The secret. Shown only once.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]
