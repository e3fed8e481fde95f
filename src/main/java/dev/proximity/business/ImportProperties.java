package dev.proximity.business;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRows   most rows one import may carry (the contract says 1,000,000)
 * @param maxBytes  most bytes one import body may carry (413 above)
 * @param maxErrors how many failing lines a 422 lists (all are counted)
 * @param statementTimeout longest one of an import's statements may run, instead of the sessions' short
 *                         statement timeout (each {@code COPY} sends one batch from memory)
 * @param maxConcurrent imports this instance runs at once; one more is a 503 with {@code Retry-After}. Each holds
 *                      a request thread (a background one, also a job thread; one job thread per allowed import),
 *                      a share of {@link #memoryBudget} and, while it writes, a primary connection
 * @param maxConcurrentPerOwner imports one owner may run at once on this instance; one more is a 429 with
 *                              {@code Retry-After}
 * @param memoryBudget bytes all imports of this instance may hold in buffers together. An import is admitted with
 *                     the most its per-row buffers can take ({@link #maxRecordChars} decides that), then its
 *                     batches grow with the data while the budget has room, up to 16 MiB each; with no room left
 *                     an import goes on with smaller batches, and one that cannot be admitted is a 503. The
 *                     default is an eighth of a 512 MiB heap, room for two imports at full speed
 * @param maxRecordChars longest CSV record or NDJSON line, in characters; a longer one stops the import at once
 *                       with 413 naming its line, without being held in memory
 * @param uploadTimeout longest an import body may take to arrive (408 after it, nothing written). Beside it,
 *                      Tomcat's {@code server.tomcat.connection-timeout} (10 s) cuts a body that stops arriving
 * @param maxTransactionWait longest an import's open transaction waits for the client: after it the rows received
 *                           so far are sent, and with none to send the upload is cut with 408. Keep it well under
 *                           PostgreSQL's {@code idle_in_transaction_session_timeout} (5 min here), which would
 *                           otherwise end the session and turn a slow upload into a 503
 */
@ConfigurationProperties("proximity.import")
@Validated
record ImportProperties(
        @DefaultValue("1000000") @Positive int maxRows,
        @DefaultValue("1073741824") @Positive long maxBytes,
        @DefaultValue("100") @Positive int maxErrors,
        @DefaultValue("30m") Duration statementTimeout,
        @DefaultValue("4") @Positive int maxConcurrent,
        @DefaultValue("1") @Positive int maxConcurrentPerOwner,
        @DefaultValue("64MB") DataSize memoryBudget,
        @DefaultValue("65536") @Min(1024) @Max(1 << 20) int maxRecordChars,
        @DefaultValue("10m") Duration uploadTimeout,
        @DefaultValue("60s") Duration maxTransactionWait) {
}
