package dev.proximity.business;

import java.util.List;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A CSV record or NDJSON line longer than {@code proximity.import.max-record-chars}: the import stops reading at
 * that point (413, nothing written), with the line named as a 422's lines are.
 */
final class ImportLineTooLongException extends ProblemException {

    private final ImportLineError line;

    private ImportLineTooLongException(long line, int maxChars) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, "import-line-too-long", "Import line too long",
                "Line " + line + " is longer than " + maxChars + " characters; nothing was imported");
        this.line = new ImportLineError(line, "is longer than " + maxChars + " characters");
    }

    static ImportLineTooLongException of(long line, int maxChars) {
        return new ImportLineTooLongException(line, maxChars);
    }

    ImportLineError line() {
        return line;
    }

    @Override
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = super.toProblemDetail();
        problem.setProperty("errors", List.of(line));
        return problem;
    }
}
