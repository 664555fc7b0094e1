"""Articles: the canonical text that claim positions index, and where it came from."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from factcheck.db import Base, UTCDateTime, enum_check, utcnow
from factcheck.urls import normalize_url

if TYPE_CHECKING:
    from factcheck.auth.models import User
    from factcheck.sources.models import Source

INPUT_FORMATS = ("md", "txt", "html")


class Kind(enum.StrEnum):
    """What sort of piece the article is: read from the page where it says so, editable."""

    news = "news"
    opinion = "opinion"
    analysis = "analysis"
    interview = "interview"
    press_release = "press_release"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Article(Base):
    __tablename__ = "article"
    __table_args__ = (
        CheckConstraint(
            "input_format IN ({})".format(", ".join(repr(f) for f in INPUT_FORMATS)),
            name="input_format",
        ),
        enum_check("kind", Kind),
        Index("ix_article_title_publisher", "title", "publisher"),
        # An article's identity: its canonical URL, normalised (many articles have none).
        Index("uq_article_normalized_url", "normalized_url", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    # factcheck.urls.normalize_url(url), set with `url`: two texts with the same canonical URL
    # are versions of one article.
    normalized_url: Mapped[str | None] = mapped_column(String(2048))
    kind: Mapped[str | None] = mapped_column(String(20))
    # The text's language (ISO 639-1) as detected at ingest; NULL when undetermined.
    language: Mapped[str | None] = mapped_column(String(16))
    provenance: Mapped[str | None] = mapped_column(String(1000))
    text: Mapped[str] = mapped_column(Text)
    input_format: Mapped[str] = mapped_column(String(10))
    raw_text: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    ingested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    ingested_by: Mapped[User | None] = relationship("User")
    own_sources: Mapped[list[ArticleSource]] = relationship(
        "ArticleSource", back_populates="article", passive_deletes=True
    )

    @validates("url")
    def _set_url(self, _key: str, url: str | None) -> str | None:
        self.normalized_url = normalize_url(url) if url else None
        return url


class ArticleSource(Base):
    """A source the article itself lists (e.g. a "Sources" section), not tied to one claim."""

    __tablename__ = "article_source"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), primary_key=True, index=True)
    anchor_text: Mapped[str | None] = mapped_column(String(1000))

    article: Mapped[Article] = relationship("Article", back_populates="own_sources")
    source: Mapped[Source] = relationship("Source")
