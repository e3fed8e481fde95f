package dev.proximity.business;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;

/** Misuse of {@code Idempotency-Key}: another body under a used key (422), or a retry racing the first (409). */
final class IdempotencyKeyException extends ProblemException {

    private IdempotencyKeyException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static IdempotencyKeyException reusedWithOtherBody() {
        return new IdempotencyKeyException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                "Idempotency key reused", "This Idempotency-Key was already used with a different request body");
    }

    static IdempotencyKeyException stillInProgress() {
        return new IdempotencyKeyException(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                "Request in progress", "A request with this Idempotency-Key is still being processed; retry shortly");
    }
}
