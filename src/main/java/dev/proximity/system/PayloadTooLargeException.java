package dev.proximity.system;

import org.springframework.http.HttpStatus;

/** A request body over the size limit (413). */
public final class PayloadTooLargeException extends ProblemException {

    private PayloadTooLargeException(String detail) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large", detail);
    }

    public static PayloadTooLargeException tooManyRows(int maxRows) {
        return new PayloadTooLargeException("An import may carry at most " + maxRows + " rows");
    }

    public static PayloadTooLargeException overLimit(long limitBytes) {
        return new PayloadTooLargeException("Request bodies may be at most " + limitBytes + " bytes");
    }
}
