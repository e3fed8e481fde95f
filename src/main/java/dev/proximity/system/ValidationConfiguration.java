package dev.proximity.system;

import java.lang.annotation.ElementType;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation only ever sees request records here, never lazily loaded entities. With JPA on the class
 * path, Hibernate Validator would ask the persistence providers whether every property "is loaded" before
 * checking it; that lookup was a third of the validation time of a bulk import (100,000s of rows).
 */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> configuration.traversableResolver(new EveryPropertyReachable());
    }

    /** Request records hold plain values: every property is loaded and may be validated. */
    static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                ElementType elementType) {
            return true;
        }
    }
}
