package dev.proximity.system;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodyBytes largest request body accepted by ordinary API calls (bulk import has its own limit)
 */
@ConfigurationProperties("proximity.api")
@Validated
public record ApiProperties(@DefaultValue("65536") @Positive long maxBodyBytes) {
}
