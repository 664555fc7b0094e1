"""Webhooks: an editor registers a URL for events (a claim approved, reopened or published, an
article ingested); the events are read from the history (the audit log), each becomes a
delivery row, signed and sent by a small loop with retries and backoff, its answers logged."""
