"""Every export format, from the one canonical report: for the CLI and the download routes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from factcheck.claimreview import export as claimreview
from factcheck.reports import annotations as web_annotations
from factcheck.reports import renderers


@dataclass(frozen=True)
class ExportFormat:
    name: str
    mimetype: str
    extension: str
    binary: bool = False
    streams: bool = False  # usable for `export --all`
    readable: bool = False  # a report for people: approved claims only, or all (include_all)
    stem: str = "report"  # the download's name: article-<id>-<stem>[-all-claims].<extension>

    def filename(self, article_id: int, include_all: bool = False) -> str:
        """The download's file name, one per format (and per choice of claims)."""
        every = "-all-claims" if include_all and self.readable else ""
        return f"article-{article_id}-{self.stem}{every}.{self.extension}"


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("json", "application/json", "json", streams=True),
        ExportFormat("csv", "text/csv; charset=utf-8", "csv", streams=True),
        ExportFormat("md", "text/markdown; charset=utf-8", "md", readable=True),
        ExportFormat("html", "text/html; charset=utf-8", "html", readable=True),
        ExportFormat("pdf", "application/pdf", "pdf", binary=True, readable=True),
        ExportFormat(
            "claimreview", "application/ld+json", "jsonld", streams=True, stem="claimreview"
        ),
        ExportFormat("claimreview-html", "text/html; charset=utf-8", "html", stem="claimreview"),
        ExportFormat("annotations", "application/ld+json", "jsonld", stem="annotations"),
    )
}
STREAMING = [name for name, f in FORMATS.items() if f.streams]


@dataclass(frozen=True)
class Publisher:
    """Who publishes the fact-checks (ClaimReview `author`) and where they live."""

    name: str | None
    url: str | None = None
    base_url: str | None = None

    @classmethod
    def from_config(cls, config) -> Publisher:
        return cls(config["ORGANISATION_NAME"], config["ORGANISATION_URL"], config["BASE_URL"])

    @property
    def organisation(self) -> dict:
        return {"name": self.name, "url": self.url}

    def claimreview_items(self, report: dict) -> list[dict]:
        return claimreview.claimreview_items(report, self.organisation, base_url=self.base_url)

    def annotations(self, report: dict) -> dict:
        """The article's claims as a W3C AnnotationCollection."""
        items = web_annotations.claim_annotations(
            report, base_url=self.base_url, organisation=self.organisation
        )
        return web_annotations.annotation_collection(report, items, self.base_url)


def render(report: dict, fmt: str, publisher: Publisher, *, include_all: bool = False):
    """One article's report in `fmt`: str, or bytes for PDF."""
    if fmt == "json":
        return renderers.render_json(report)
    if fmt == "csv":
        return renderers.render_csv(report)
    if fmt == "md":
        return renderers.render_markdown(report, include_all=include_all)
    if fmt == "html":
        return renderers.render_html(report, include_all=include_all)
    if fmt == "pdf":
        return renderers.render_pdf(report, include_all=include_all)
    if fmt == "claimreview":
        return claimreview.claimreview_document(publisher.claimreview_items(report))
    if fmt == "claimreview-html":
        return claimreview.claimreview_html_snippet(publisher.claimreview_items(report))
    if fmt == "annotations":
        return web_annotations.annotation_document(publisher.annotations(report))
    raise ValueError(f"unknown format {fmt!r}")


def write_all(reports: Iterable[dict], fmt: str, publisher: Publisher, out: TextIO) -> int:
    """Stream many reports to `out` in a streaming format; returns how many items were written."""
    if fmt == "json":
        return renderers.write_jsonl(reports, out)
    if fmt == "csv":
        return renderers.write_csv(reports, out)
    if fmt == "claimreview":
        items = (item for report in reports for item in publisher.claimreview_items(report))
        return claimreview.write_claimreview_stream(items, out)
    raise ValueError(f"{fmt} cannot be exported with --all; use one of {', '.join(STREAMING)}")
