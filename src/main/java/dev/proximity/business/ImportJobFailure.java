package dev.proximity.business;

import java.util.List;

import dev.proximity.system.ProblemException;
import org.springframework.http.ProblemDetail;

/**
 * Why a background import failed, as the synchronous import would have answered it: the problem's type, title
 * and detail, and its bad lines.
 */
record ImportJobFailure(String type, String title, String detail, List<ImportLineError> lines, long errorCount) {

    /** Something the application did not expect (the database failed): the client may import again. */
    private static final ImportJobFailure UNEXPECTED = new ImportJobFailure("/problems/service-unavailable",
            "Service unavailable", "The import could not be written; nothing was imported. Import the file again.",
            List.of(), 0);

    static ImportJobFailure of(Throwable failure) {
        if (!(failure instanceof ProblemException problem)) {
            return UNEXPECTED;
        }
        ProblemDetail detail = problem.toProblemDetail();
        List<ImportLineError> lines = List.of();
        long count = 0;
        if (problem instanceof ImportRejectedException rejected) {
            lines = rejected.lines();
            count = rejected.errorCount();
        } else if (problem instanceof ImportLineTooLongException tooLong) {
            lines = List.of(tooLong.line());
            count = 1;
        }
        return new ImportJobFailure(String.valueOf(detail.getType()), detail.getTitle(), detail.getDetail(), lines,
                count);
    }

    static boolean unexpected(Throwable failure) {
        return !(failure instanceof ProblemException);
    }
}
