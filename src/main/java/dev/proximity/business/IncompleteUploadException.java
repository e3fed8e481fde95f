package dev.proximity.business;

import java.time.Duration;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * An import body that did not arrive in time (408) or was cut off (400): the import is rolled back and
 * nothing is written. When the socket read timed out, Tomcat has already begun its own 408 (rendered by
 * {@code ProblemErrorController} with the same type); this exception ends the import and its transaction.
 */
final class IncompleteUploadException extends ProblemException {

    private IncompleteUploadException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    /** No bytes for Tomcat's read timeout ({@code server.tomcat.connection-timeout}). */
    static IncompleteUploadException stalled() {
        return new IncompleteUploadException(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request Timeout",
                "The request body stopped arriving before it was complete; nothing was imported.");
    }

    /** The whole body took longer than {@code proximity.import.upload-timeout}. */
    static IncompleteUploadException tooSlow(Duration uploadTimeout) {
        return new IncompleteUploadException(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request Timeout",
                "The import body took longer than " + uploadTimeout.toSeconds() + " s to arrive; nothing was"
                        + " imported. Upload faster or in smaller imports.");
    }

    /** Rows came slower than the import's transaction may wait ({@code proximity.import.max-transaction-wait}). */
    static IncompleteUploadException noRowsFor(Duration wait) {
        return new IncompleteUploadException(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "Request Timeout",
                "No complete row arrived for " + wait.toSeconds() + " s while the import was writing; nothing was"
                        + " imported. Upload faster or in smaller imports.");
    }

    /** The connection ended before the body was complete. */
    static IncompleteUploadException cutOff() {
        return new IncompleteUploadException(HttpStatus.BAD_REQUEST, "incomplete-body", "Incomplete body",
                "The request body ended before it was complete; nothing was imported.");
    }
}
