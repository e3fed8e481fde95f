package dev.proximity.system;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** problem+json for errors raised outside Spring MVC: by Tomcat itself, and on the {@code /error} path. */
@Configuration(proxyBeanMethods = false)
class ErrorResponsesConfiguration {

    @Bean
    ProblemErrorController problemErrorController(ErrorAttributes errorAttributes, ServerProperties server,
            ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ProblemErrorController(errorAttributes, server, errorViewResolvers.orderedStream().toList());
    }

    /** Runs after Boot's own customizer, replacing the (HTML) report valve it puts on the host. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return new OrderedCustomizer();
    }

    private static final class OrderedCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ProblemErrorReportValve());
                        // the host adds a default report valve at start unless one of this class is present
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                });
        }
    }
}
