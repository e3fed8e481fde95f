package dev.proximity.account;

import dev.proximity.ratelimit.RateLimiter;
import dev.proximity.system.ClientAddress;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.Session;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The owner pages sign in with a form and keep the owner in a session stored in Redis (Spring Session), with
 * CSRF tokens on every form and a new session id at sign-in. This chain is ordered before the API's, which
 * stays stateless with bearer tokens; the servlet session exists only on {@link OwnerPages} paths, and the
 * other pages' site header only reads the stored one ({@link OwnerSessionReader}).
 */
@Configuration(proxyBeanMethods = false)
class OwnerPagesSecurityConfiguration {

    /** Where the CSRF token is kept in the session: Spring Security's default name, spelt out for the reader. */
    static final String CSRF_TOKEN_ATTRIBUTE = HttpSessionCsrfTokenRepository.class.getName() + ".CSRF_TOKEN";

    @Bean
    @Order(1)
    SecurityFilterChain ownerPagesSecurity(HttpSecurity http, OwnerService owners,
            SecurityContextRepository ownerSecurityContexts, CsrfTokenRepository ownerCsrfTokens,
            RateLimiter rateLimiter, ClientAddress clientAddress) throws Exception {
        http.securityMatcher(OwnerPages.MATCHER)
                .authenticationProvider(new OwnerPasswordAuthenticationProvider(owners))
                // the API's sign-in buckets, taken after the CSRF check and before any password is checked
                .addFilterBefore(new SignInRateLimitFilter(rateLimiter, clientAddress),
                        UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // error pages (the 503 while Redis is down, a 404) render without a session
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/signup", "/signin").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/signin")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/owner/businesses")
                        .failureHandler(new SignInFailureHandler()))
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedOut"))
                .securityContext(context -> context.securityContextRepository(ownerSecurityContexts))
                .csrf(csrf -> csrf.csrfTokenRepository(ownerCsrfTokens)
                        .csrfTokenRequestHandler(new EagerCsrfTokenRequestHandler()))
                // a new session (attributes copied, the old one deleted) rather than a changed id: Spring
                // Session renames the key for a changed id, and on a Redis Cluster the two names lie in different
                // slots, where Spring Data emulates RENAME with DUMP and RESTORE (RESTORE is @dangerous in the ACL)
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.migrateSession()));
        return http.build();
    }

    @Bean
    SecurityContextRepository ownerSecurityContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    CsrfTokenRepository ownerCsrfTokens() {
        HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
        tokens.setSessionAttributeName(CSRF_TOKEN_ATTRIBUTE);
        return tokens;
    }

    @Bean
    OwnerSessionReader ownerSessionReader(OwnerPagesSessionIdResolver sessionIds,
            SessionRepository<?> sessions, CircuitBreakerRegistry breakers) {
        return new OwnerSessionReader(sessionIds, sessions, breakers.circuitBreaker("redis"));
    }

    /**
     * The session cookie, shaped by Boot's {@code server.servlet.session.cookie.*}: {@code HttpOnly} and
     * {@code SameSite=Lax} unless set otherwise, {@code Secure} when {@code secure=true} (or, unset, when the
     * request came over HTTPS). The browser sends it everywhere; only the owner pages use it (the
     * other pages' header only peeks).
     */
    @Bean
    OwnerPagesSessionIdResolver httpSessionIdResolver(ServerProperties server) {
        Session.Cookie cookie = server.getServlet().getSession().getCookie();
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(cookie.getName() == null ? "SESSION" : cookie.getName());
        serializer.setUseHttpOnlyCookie(cookie.getHttpOnly() == null || cookie.getHttpOnly());
        serializer.setSameSite(cookie.getSameSite() == null ? "Lax" : cookie.getSameSite().attributeValue());
        if (cookie.getSecure() != null) {
            serializer.setUseSecureCookie(cookie.getSecure());
        }
        if (cookie.getDomain() != null) {
            serializer.setDomainName(cookie.getDomain());
        }
        if (cookie.getPath() != null) {
            serializer.setCookiePath(cookie.getPath());
        }
        CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();
        cookies.setCookieSerializer(serializer);
        return new OwnerPagesSessionIdResolver(cookies);
    }

    /** Wraps the session repository Boot configures for Redis (see {@link ResilientSessionRepository}). */
    @Bean
    static BeanPostProcessor resilientSessionRepository() {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof RedisSessionRepository repository
                        ? new ResilientSessionRepository(repository) : bean;
            }
        };
    }

    /** Just outside the session filter: a session store that cannot be reached is a 503 page, not a 500. */
    @Bean
    FilterRegistrationBean<SessionStoreUnavailableFilter> sessionStoreUnavailableFilter() {
        FilterRegistrationBean<SessionStoreUnavailableFilter> registration = new FilterRegistrationBean<>(
                new SessionStoreUnavailableFilter());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }
}
