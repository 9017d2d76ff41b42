package dev.rushgate.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Domain code is plain Java: it knows nothing of Lambda, AWS, Redis, Kafka, JDBC or its adapters. The rules
 * run from plain JUnit tests (ArchUnit's own engine was not discovered by Surefire here).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rushgate");
    }

    @Test
    void importsTheDomainAtAll() {
        assertThat(classes.stream().filter(c -> c.getPackageName().endsWith(".domain"))).isNotEmpty();
    }

    @Test
    void domainIsFreeOfFrameworksAndAdapters() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.amazonaws..", "software.amazon..", "io.lettuce..", "org.apache.kafka..", "java.sql..",
                        "javax.sql..", "com.fasterxml..", "..adapter..", "..handler..", "dev.rushgate.platform.http..")
                .check(classes);
    }

    @Test
    void handlersDoNotTouchAdaptersOrClients() {
        noClasses().that().resideInAPackage("..handler..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "software.amazon.awssdk..", "io.lettuce..")
                .check(classes);
    }

    @Test
    void adaptersDoNotCallHandlers() {
        noClasses().that().resideInAPackage("..adapter..")
                .should().dependOnClassesThat().resideInAPackage("..handler..")
                .check(classes);
    }
}
