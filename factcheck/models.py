"""Every table, imported in one place for alembic and the app."""

from factcheck.api.models import ApiToken, Scope
from factcheck.articles.models import Article, ArticleSource
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role, User
from factcheck.claims.models import Annotation, Claim, Origin, Status, Verdict
from factcheck.db import Base
from factcheck.memory.models import ClaimMatch, ClaimVector
from factcheck.notifications.models import Kind, Notification
from factcheck.publishing.models import Publication
from factcheck.sources.models import Evidence, Relation, Source, SourceKind
from factcheck.webhooks.models import Webhook, WebhookDelivery

__all__ = [
    "ApiToken",
    "Annotation",
    "Article",
    "ArticleSource",
    "AuditEvent",
    "Base",
    "Claim",
    "ClaimMatch",
    "ClaimVector",
    "Evidence",
    "Kind",
    "Notification",
    "Origin",
    "Publication",
    "Relation",
    "Role",
    "Scope",
    "Source",
    "SourceKind",
    "Status",
    "User",
    "Verdict",
    "Webhook",
    "WebhookDelivery",
]
