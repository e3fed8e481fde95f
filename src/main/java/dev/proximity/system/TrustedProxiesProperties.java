package dev.proximity.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies CIDRs (or single addresses) of the load balancers in front of the app; only a request
 *                       whose socket peer is one of them has its {@code X-Forwarded-For} believed
 */
@ConfigurationProperties("proximity")
public record TrustedProxiesProperties(@DefaultValue List<String> trustedProxies) {
}
