package dev.proximity.system;

import java.util.Map;

/**
 * Every problem type an API call can answer with, as the OpenAPI document shows it: slug, status and title. Kept
 * by hand: the exceptions that carry them stay in their features, so a new problem type is added here as well, and
 * a {@link ProblemTypes} slug missing here fails the document's generation (and with it the contract tests).
 */
final class ProblemCatalog {

    record Entry(int status, String title) {
    }

    static final Map<String, Entry> TYPES = Map.ofEntries(
            Map.entry("validation-failed", new Entry(400, "Invalid request")),
            Map.entry("malformed-json", new Entry(400, "Malformed JSON")),
            Map.entry("malformed-query", new Entry(400, "Malformed query")),
            Map.entry("malformed-id", new Entry(400, "Malformed id")),
            Map.entry("incomplete-body", new Entry(400, "Incomplete body")),
            Map.entry("unauthorized", new Entry(401, "Authentication required")),
            Map.entry("invalid-credentials", new Entry(401, "Invalid credentials")),
            Map.entry("forbidden", new Entry(403, "Forbidden")),
            Map.entry("business-not-found", new Entry(404, "Business not found")),
            Map.entry("owner-not-found", new Entry(404, "Owner not found")),
            Map.entry("import-job-not-found", new Entry(404, "Import job not found")),
            Map.entry("request-timeout", new Entry(408, "Request Timeout")),
            Map.entry("email-taken", new Entry(409, "E-mail already registered")),
            Map.entry("idempotency-key-in-progress", new Entry(409, "Request in progress")),
            Map.entry("concurrent-update", new Entry(409, "Concurrent update")),
            Map.entry("stale-version", new Entry(412, "Stale version")),
            Map.entry("payload-too-large", new Entry(413, "Request body too large")),
            Map.entry("import-line-too-long", new Entry(413, "Import line too long")),
            Map.entry("unsupported-media-type", new Entry(415, "Unsupported Media Type")),
            Map.entry("idempotency-key-reused", new Entry(422, "Idempotency key reused")),
            Map.entry("import-rejected", new Entry(422, "Import rejected")),
            Map.entry("rate-limited", new Entry(429, "Too many requests")),
            Map.entry("import-in-progress", new Entry(429, "Import in progress")),
            Map.entry("internal-error", new Entry(500, "Internal error")),
            Map.entry("service-unavailable", new Entry(503, "Service unavailable")),
            Map.entry("import-capacity", new Entry(503, "Too many imports")),
            Map.entry("import-interrupted", new Entry(503, "Import interrupted")));

    private ProblemCatalog() {
    }

    static Entry of(String slug) {
        Entry entry = TYPES.get(slug);
        if (entry == null) {
            throw new IllegalArgumentException("No problem type '" + slug + "' in ProblemCatalog");
        }
        return entry;
    }
}
