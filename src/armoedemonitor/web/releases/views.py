"""Release pages: the list, one release (definitions and output check) and the upload page."""

import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from armoedemonitor.errors import UserError
from armoedemonitor.web.accounts.roles import is_programme_team

from . import markdown
from .forms import UploadForm
from .models import Release
from .services import OlderRelease, import_release


def release_list(request):
    can_upload = request.user.is_staff or is_programme_team(request.user)
    return render(request, "releases/list.html", {"releases": Release.objects.all(), "can_upload": can_upload})


# The output check ends with one table row per omitted cell (tens of thousands): the
# page shows everything above it and a count; the full file is a download.
OMITTED_CELLS_HEADING = "## Weggelaten cellen"


def release_detail(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    summary, _, omitted = release.output_check.partition(OMITTED_CELLS_HEADING)
    return render(
        request,
        "releases/detail.html",
        {
            "release": release,
            "definitions": release.definitions.all(),
            "output_check": markdown.render(summary),
            "omitted_count": _table_rows(omitted) if omitted else None,
            "value_count": release.values.count(),
        },
    )


def _table_rows(markdown_text: str) -> int:
    """Body rows of the first Markdown table: rows after its header and separator."""
    rows = [line for line in markdown_text.splitlines() if line.startswith("|")]
    return max(len(rows) - 2, 0)


def output_check_file(request, pk: int):
    """OUTPUT_CHECK.md in full, as the output checker received it."""
    release = get_object_or_404(Release, pk=pk)
    response = HttpResponse(release.output_check, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="OUTPUT_CHECK-{release.name}-{release.version}.md"'
    return response


@login_required
def upload(request):
    """Staff upload a zip; it goes through exactly the same service as the CLI.

    Too large a request is refused before Django reads it; messages never show the
    server's temporary folders."""
    if not (request.user.is_staff or is_programme_team(request.user)):
        raise PermissionDenied
    limit = settings.ARMOEDEMONITOR_UPLOAD_MAX_BYTES
    if request.method == "POST" and _content_length(request) > limit:
        error = _("Het bestand is te groot: het maximum is %(limit)s MB.") % {"limit": limit // 1_000_000}
        return render(request, "releases/upload.html", {"form": UploadForm(), "error": error})
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
            path = Path(tmp) / "release.zip"
            with path.open("wb") as target:
                for chunk in form.cleaned_data["package"].chunks():
                    target.write(chunk)
            try:
                result = import_release(path, make_current=form.cleaned_data["make_current"],
                                        force=form.cleaned_data["force"], workdir=Path(tmp))
            except OlderRelease as error:
                form.add_error("force", str(error).replace("--force", _("het vinkje hieronder")))
            except UserError as error:
                form.add_error("package", _without_folder(str(error), tmp))
            else:
                messages.success(request, result.message)
                return redirect("releases:detail", pk=result.release.pk)
    return render(request, "releases/upload.html", {"form": form})


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _without_folder(message: str, folder: str) -> str:
    """Paths in a message relative to the upload's temporary folder (which means nothing to the user)."""
    return re.sub(re.escape(folder) + r"/(release-[^/]+/)?", "", message)
