package dev.proximity.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxQueueTime a safe request (GET, HEAD) that reaches the application this long after the load balancer
 *                     received it ({@code X-Request-Start} from a trusted proxy) is answered 503 at once instead
 *                     of being worked on; zero turns this off. Half the proxy's 4 s search timeout by default.
 */
@ConfigurationProperties("proximity.overload")
public record OverloadProperties(@DefaultValue("2s") Duration maxQueueTime) {
}
