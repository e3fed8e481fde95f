package dev.proximity.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The cross-cutting web pieces every API controller relies on (strict JSON, problem+json errors, the body
 * size limit, queue-time shedding), for {@code @WebMvcTest} slices in other packages, which cannot name these
 * package-private types.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({JsonConfiguration.class, ApiExceptionHandler.class, ProblemResponseWriter.class,
        RequestBodyLimitFilter.class, QueueTimeFilter.class, ClientAddress.class})
@EnableConfigurationProperties({ApiProperties.class, OverloadProperties.class, TrustedProxiesProperties.class})
public class WebSliceConfiguration {
}
