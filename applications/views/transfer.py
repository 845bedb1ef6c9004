"""Export to CSV/JSON and import from CSV with a column-mapping step."""

from __future__ import annotations

import base64

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import imports
from ..exports import export_csv, export_json


def _filename(ext: str) -> str:
    return f"applications-{timezone.localdate():%Y-%m-%d}.{ext}"


@login_required
def export_as_csv(request):
    response = HttpResponse(export_csv(user=request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@login_required
def export_as_json(request):
    response = JsonResponse(export_json(user=request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8 CSV with a header line.")


class MappingForm(forms.Form):
    """One select per target field, listing the file's columns; the CSV text rides along."""

    # Base64 keeps the file byte-exact: browsers rewrite line breaks inside submitted values.
    csv_data = forms.CharField(widget=forms.HiddenInput)
    skip_invalid = forms.BooleanField(
        required=False, label="Import the valid rows and skip the invalid ones"
    )

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— not in the file —"), *((h, h) for h in headers)]
        for name, label, required in imports.TARGETS:
            self.fields[f"map_{name}"] = forms.ChoiceField(
                label=label + (" *" if required else ""), choices=choices, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"map_{name}"] for name in imports.TARGET_NAMES}


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request):
    """Step 1 uploads the file; step 2 confirms the mapping and imports or reports bad rows."""
    upload = UploadForm()
    if request.method == "POST" and "csv_data" not in request.POST:
        upload = UploadForm(request.POST, request.FILES)
        if upload.is_valid():
            data = upload.cleaned_data["file"].read(imports.max_bytes() + 1)
            try:
                parsed = imports.read_csv(data)
            except imports.ImportFileError as exc:
                upload.add_error("file", exc.messages)
            else:
                guessed = imports.guess_mapping(parsed.headers)
                form = MappingForm(
                    headers=parsed.headers,
                    initial={
                        "csv_data": base64.b64encode(data).decode(),
                        **{f"map_{k}": v for k, v in guessed.items()},
                    },
                )
                return render(
                    request,
                    "applications/import.html",
                    {"mapping_form": form, "headers": parsed.headers, "rows": len(parsed.rows)},
                )
        return render(request, "applications/import.html", {"upload": upload}, status=400)

    if request.method == "POST":
        try:
            data = base64.b64decode(request.POST.get("csv_data", ""), validate=True)
        except ValueError:
            data = b""
        try:
            parsed = imports.read_csv(data)
        except imports.ImportFileError as exc:
            context = {"upload": upload, "file_errors": exc.messages}
            return render(request, "applications/import.html", context, status=400)
        form = MappingForm(request.POST, headers=parsed.headers)
        context = {"mapping_form": form, "headers": parsed.headers, "rows": len(parsed.rows)}
        if form.is_valid():
            try:
                result = imports.applications_import(
                    user=request.user,
                    data=data,
                    mapping=form.mapping(),
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
            except imports.ImportFileError as exc:
                form.add_error(None, exc.messages)
            else:
                if result.imported:
                    skipped = len(result.errors)
                    messages.success(
                        request,
                        f"Imported {result.imported} application(s)"
                        + (f", skipped {skipped} invalid row(s)." if skipped else "."),
                    )
                    return redirect("applications:table")
                context["result"] = result
        return render(request, "applications/import.html", context, status=400)

    return render(request, "applications/import.html", {"upload": upload})
