"""GET /api/export: which file to make."""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import Query
from .limits import EXPORT_FORMATS
from .types import one_of, optional, refuse


# format=hatch&hatch_id=N is the older spelling of hatch_id=N; the spec
# leaves it out, since a parameter list cannot say it needs hatch_id.
Format = one_of(EXPORT_FORMATS, also=("hatch",))


class ExportQuery(Query):
    format: Format = Field(
        "json", description="json: lossless; markdown: a zip of one file per page; csv: one "
                            "row per highlight; jsonld: W3C Web Annotation")
    hatch_id: int = optional(description="export this hatch as Markdown instead (format is "
                                         "then ignored)")

    @model_validator(mode="after")
    def _hatch_needs_its_id(self) -> ExportQuery:
        if self.format == "hatch" and self.hatch_id is None:
            refuse("`hatch_id` is required with format=hatch.")
        return self
