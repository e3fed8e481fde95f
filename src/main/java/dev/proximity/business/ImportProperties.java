package dev.proximity.business;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRows   most rows one import may carry (the contract says 1,000,000)
 * @param maxBytes  most bytes one import body may carry (413 above)
 * @param maxErrors how many failing lines a 422 lists (all are counted)
 * @param statementTimeout longest an import's COPY may run (it lasts as long as the upload), instead of the
 *                         sessions' short statement timeout
 * @param maxRecordChars longest CSV record or NDJSON line, in characters; a longer one stops the import at once
 *                       with 413 naming its line, without being held in memory
 */
@ConfigurationProperties("proximity.import")
@Validated
record ImportProperties(
        @DefaultValue("1000000") @Positive int maxRows,
        @DefaultValue("1073741824") @Positive long maxBytes,
        @DefaultValue("100") @Positive int maxErrors,
        @DefaultValue("30m") java.time.Duration statementTimeout,
        @DefaultValue("65536") @Min(1024) @Max(1 << 20) int maxRecordChars) {
}
