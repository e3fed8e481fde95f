package dev.proximity.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param node this instance's node number in generated ids (0..1023); give every instance its own in a
 *             cluster. Unset, a random node is drawn at start-up (fine for one instance).
 */
@ConfigurationProperties("proximity.id")
@Validated
public record IdProperties(@Min(0) @Max(1023) Integer node) {
}
