package dev.proximity.business;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers each owner's {@code Idempotency-Key}s for 24 hours. A key is first claimed in its own committed
 * statement, so a concurrent retry sees it in progress (409); the business insert and the stored answer
 * then commit together, so a replay returns exactly what the first request answered.
 */
@Component
class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);
    /** A claim older than this whose request never finished (the process died) may be taken over. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    sealed interface Claim {
    }

    record Claimed() implements Claim {
    }

    record Replay(int status, String body) implements Claim {
    }

    record InProgress() implements Claim {
    }

    record OtherRequest() implements Claim {
    }

    /** Runs outside any transaction: the claim must be visible to concurrent requests at once. */
    Claim claim(long ownerId, String key, String requestHash) {
        int inserted = jdbc.update("""
                INSERT INTO idempotency_key (owner_id, key, request_hash) VALUES (?, ?, ?)
                ON CONFLICT (owner_id, key) DO NOTHING""", ownerId, key, requestHash);
        if (inserted == 1) {
            return new Claimed();
        }
        List<Claim> existing = jdbc.query("""
                SELECT request_hash, status, response_body,
                       created_at < now() - make_interval(secs => ?) AS abandoned
                FROM idempotency_key WHERE owner_id = ? AND key = ?""",
                (rs, n) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        return new OtherRequest();
                    }
                    int status = rs.getInt("status");
                    if (!rs.wasNull()) {
                        return new Replay(status, rs.getString("response_body"));
                    }
                    return rs.getBoolean("abandoned") && takeOver(ownerId, key) ? new Claimed() : new InProgress();
                },
                ABANDONED_AFTER.toSeconds(), ownerId, key);
        // the row may have expired between the two statements: claim again
        return existing.isEmpty() ? claim(ownerId, key, requestHash) : existing.get(0);
    }

    private boolean takeOver(long ownerId, String key) {
        return jdbc.update("""
                UPDATE idempotency_key SET created_at = now()
                WHERE owner_id = ? AND key = ? AND status IS NULL
                  AND created_at < now() - make_interval(secs => ?)""",
                ownerId, key, ABANDONED_AFTER.toSeconds()) == 1;
    }

    /** Called inside the transaction that creates the business. */
    void complete(long ownerId, String key, int status, long businessId, String body) {
        jdbc.update("UPDATE idempotency_key SET status = ?, business_id = ?, response_body = ? "
                + "WHERE owner_id = ? AND key = ?", status, businessId, body, ownerId, key);
    }

    /** The request failed: forget the claim so the client can retry with the same key. */
    void release(long ownerId, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE owner_id = ? AND key = ? AND status IS NULL", ownerId, key);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)",
                RETENTION.toSeconds());
    }
}
