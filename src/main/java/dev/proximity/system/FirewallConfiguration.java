package dev.proximity.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** Spring Security's strict firewall with its default rules, checked by {@link HeaderText} instead of regexes. */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    @Bean
    WebSecurityCustomizer strictFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::isAssignedAndNotControl);
        firewall.setAllowedHeaderValues(HeaderText::isHeaderValue);
        firewall.setAllowedParameterNames(HeaderText::isAssignedAndNotControl);
        return web -> web.httpFirewall(firewall);
    }
}
