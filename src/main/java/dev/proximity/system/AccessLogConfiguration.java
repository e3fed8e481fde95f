package dev.proximity.system;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Adds the redacting access log: on when configured so, else on in production and off in the embedded mode. */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final AccessLogProperties properties;
    private final Environment environment;
    private final ClientAddress clientAddress;
    private final WarmupRequests warmup;

    AccessLogConfiguration(AccessLogProperties properties, Environment environment, ClientAddress clientAddress,
            WarmupRequests warmup) {
        this.properties = properties;
        this.environment = environment;
        this.clientAddress = clientAddress;
        this.warmup = warmup;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (enabled()) {
            factory.addEngineValves(new RedactingAccessLogValve(clientAddress, warmup));
        }
    }

    private boolean enabled() {
        if (properties.enabled() != null) {
            return properties.enabled();
        }
        boolean production = environment.containsProperty("spring.datasource.url")
                || !environment.getProperty("proximity.embedded.enabled", Boolean.class, true);
        return production;
    }
}
