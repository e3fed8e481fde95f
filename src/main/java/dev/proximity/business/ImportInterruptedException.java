package dev.proximity.business;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A background import that could not run to its end because its server stopped (or went silent: no heartbeat);
 * its transaction ended uncommitted, so nothing of it was written. Seen only in a failed job, never as an answer.
 */
final class ImportInterruptedException extends ProblemException {

    private ImportInterruptedException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "import-interrupted", "Import interrupted", detail);
    }

    static ImportInterruptedException heartbeatLost() {
        return new ImportInterruptedException("The server running this import stopped before it finished; nothing"
                + " was imported. Import the file again.");
    }

    static ImportInterruptedException shutDown() {
        return new ImportInterruptedException("The server shut down before this import finished; nothing was"
                + " imported. Import the file again.");
    }
}
