package dev.proximity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Structural rules that keep the layers honest. */
@AnalyzeClasses(packages = "dev.proximity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** The geo package is pure Java: it is unit-tested and benchmarked without Spring, a database or Redis. */
    @ArchTest
    static final ArchRule geoDependsOnNoFrameworks = noClasses().that().resideInAPackage("dev.proximity.geo..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "javax..",
                    "redis..", "java.sql..", "org.hibernate..", "io.lettuce..");

    /** Only the JDK, S2 (com.google.common.geometry) and Guava (com.google.common) may be used by geo. */
    @ArchTest
    static final ArchRule geoUsesOnlyTheJdkAndS2 = classes().that().resideInAPackage("dev.proximity.geo..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.proximity.geo..",
                    "com.google.common.geometry..", "com.google.common..");
}
