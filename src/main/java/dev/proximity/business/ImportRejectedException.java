package dev.proximity.business;

import java.util.List;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** An import with at least one bad line: nothing was written (422 with the failing line numbers). */
final class ImportRejectedException extends ProblemException {

    private final List<ImportLineError> lines;
    private final long errorCount;

    private ImportRejectedException(List<ImportLineError> lines, long errorCount) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "import-rejected", "Import rejected",
                errorCount + " line(s) are invalid; nothing was imported");
        this.lines = List.copyOf(lines);
        this.errorCount = errorCount;
    }

    static ImportRejectedException of(List<ImportLineError> lines, long errorCount) {
        return new ImportRejectedException(lines, errorCount);
    }

    List<ImportLineError> lines() {
        return lines;
    }

    long errorCount() {
        return errorCount;
    }

    @Override
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = super.toProblemDetail();
        problem.setProperty("errors", lines);
        problem.setProperty("errorCount", errorCount);
        return problem;
    }
}
