"""One pagination style and one error format for the whole API.

Every error body is ``{"error": {"status": int, "code": str, "message": str, "fields": {...}}}``
where ``fields`` maps field names to lists of messages (empty when the error is not about a
field).
"""

from __future__ import annotations

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body is too large."
    default_code = "request_too_large"


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "page", "pages", "results"],
            "properties": {
                "count": {"type": "integer"},
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }


def validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A service's Django ValidationError as DRF's, so it renders as field errors (400)."""
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def _flatten(detail) -> tuple[str, dict[str, list[str]]]:
    """Split DRF's detail into a headline message and per-field messages."""
    if isinstance(detail, dict):
        fields: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, list | tuple):
                fields[key] = [str(item) for item in value]
            elif isinstance(value, dict):
                _, nested = _flatten(value)
                for sub, msgs in nested.items():
                    fields[f"{key}.{sub}"] = msgs
            else:
                fields[key] = [str(value)]
        general = fields.pop("non_field_errors", None) or fields.pop("detail", None)
        message = general[0] if general else "Some fields are invalid."
        if general and len(general) > 1:
            fields["non_field_errors"] = general
        return message, fields
    if isinstance(detail, list | tuple):
        return ("; ".join(str(item) for item in detail) or "Invalid request."), {}
    return str(detail), {}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request was rejected as malformed.")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = "error"
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else getattr(exc, "default_code", "invalid")
    message, fields = _flatten(response.data)
    response.data = {
        "error": {
            "status": response.status_code,
            "code": code,
            "message": message,
            "fields": fields,
        }
    }
    return response
