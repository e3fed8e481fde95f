package dev.proximity.business;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An import refused before any of its body is read, with {@code Retry-After}: 429 when the owner already runs as
 * many imports as one owner may (their doing: wait for it to finish), 503 when this instance runs as many as it
 * can, or its import memory is taken (the server's state: any client may retry shortly).
 */
final class ImportRefusedException extends ProblemException {

    /** An import takes seconds to minutes: asking again sooner only adds load. */
    static final int OWNER_RETRY_AFTER_SECONDS = 10;
    static final int INSTANCE_RETRY_AFTER_SECONDS = 5;

    private final int retryAfterSeconds;

    private ImportRefusedException(HttpStatus status, String slug, String title, String detail,
            int retryAfterSeconds) {
        super(status, slug, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ImportRefusedException ownerBusy(int maxPerOwner) {
        return new ImportRefusedException(HttpStatus.TOO_MANY_REQUESTS, "import-in-progress", "Import in progress",
                "An owner may run " + maxPerOwner + " import(s) at a time and yours are still running; nothing was"
                        + " read or written. Retry when they have finished.", OWNER_RETRY_AFTER_SECONDS);
    }

    static ImportRefusedException instanceBusy() {
        return new ImportRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "import-capacity", "Too many imports",
                "The server is running as many imports as it can; nothing was read or written. Retry shortly.",
                INSTANCE_RETRY_AFTER_SECONDS);
    }

    static ImportRefusedException noMemory() {
        return new ImportRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "import-capacity", "Too many imports",
                "The server's import memory is taken by other imports; nothing was read or written. Retry shortly.",
                INSTANCE_RETRY_AFTER_SECONDS);
    }

    static ImportRefusedException noSpoolSpace() {
        return new ImportRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "import-capacity", "Too many imports",
                "The server has no room to receive this import now; nothing was imported. Retry shortly.",
                INSTANCE_RETRY_AFTER_SECONDS);
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        return headers;
    }
}
