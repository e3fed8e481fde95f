package dev.proximity.business;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A background import as {@code GET /v1/businesses/imports/{id}} shows it. */
@Schema(description = "A background import")
record ImportJob(
        @Schema(description = "The job's id, a string of decimal digits") String id,
        @Schema(description = "running until its one transaction commits (committed: every row is there) or"
                + " fails (failed: nothing is there)", allowableValues = {"running", "committed", "failed"})
        String state,
        @Schema(description = "Rows read from the body so far, good and bad") long rowsRead,
        @Schema(description = "Rows sent to the database in the import's transaction; they are visible only once it"
                + " has committed, and a failed import wrote none (0)") long rowsWritten,
        @Schema(description = "Rows read per second since the job started (until it finished)") double rowsPerSecond,
        Instant startedAt,
        @Schema(description = "When it committed or failed; null while running", nullable = true) Instant finishedAt,
        @Schema(description = "Why it failed: a problem type of the synchronous import's answers, or"
                + " /problems/import-interrupted when its server stopped; null unless failed")
        Failure failure,
        @Schema(description = "The first failing lines (as the synchronous 422 lists them)") List<ImportLineError> errors,
        @Schema(description = "How many lines failed in all") long errorCount) {

    static final String RUNNING = "running";
    static final String COMMITTED = "committed";
    static final String FAILED = "failed";

    /** What ended a failed job, shaped like the problem the synchronous import would have answered. */
    @Schema(name = "ImportJobFailure", description = "The problem that ended a failed import")
    record Failure(@Schema(description = "Its problem type, e.g. /problems/import-rejected") String type,
            @Schema(description = "Its title") String title,
            @Schema(description = "What happened; nothing was imported") String detail) {
    }
}
