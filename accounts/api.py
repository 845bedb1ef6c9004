from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from careercopilot.api_support import validation_error

from . import services
from .models import ApiToken, Skill
from .serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenSerializer,
    MeSerializer,
    ProfileSerializer,
    SkillSerializer,
)


class MeView(generics.RetrieveUpdateAPIView):
    """The signed-in user."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user


class ProfileView(generics.RetrieveUpdateAPIView):
    """The signed-in user's job-search profile."""

    serializer_class = ProfileSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return services.profile_for(user=self.request.user)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.profile_update(user=self.request.user, data=data)
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc


class SkillViewSet(viewsets.ModelViewSet):
    serializer_class = SkillSerializer
    filterset_fields = ["level"]

    def get_queryset(self):
        return Skill.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.skill_add(
                user=self.request.user, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc

    def perform_update(self, serializer):
        data = {**SkillSerializer(serializer.instance).data, **serializer.validated_data}
        try:
            if data["name"].casefold() != serializer.instance.name.casefold() and (
                Skill.objects.for_user(self.request.user)
                .filter(name__iexact=data["name"])
                .exclude(pk=serializer.instance.pk)
                .exists()
            ):
                raise ValidationError({"name": ["You already list this skill."]})
            serializer.save()
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc


class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Personal access tokens. Creating returns the secret once; deleting revokes."""

    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        return ApiToken.objects.for_user(self.request.user)

    @extend_schema(responses={201: ApiTokenCreatedSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ApiTokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token, secret = services.api_token_create(
                user=request.user,
                name=serializer.validated_data["name"],
                expires_at=serializer.validated_data.get("expires_at"),
            )
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        body = ApiTokenCreatedSerializer(token).data
        body["token"] = secret
        return Response(body, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        token = self.get_object()
        services.api_token_revoke(user=request.user, token_id=token.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("skills", SkillViewSet, basename="skill")
    router.register("tokens", ApiTokenViewSet, basename="token")
