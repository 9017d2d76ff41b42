package dev.rushgate.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.rushgate.platform.Randomness;
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
                        "javax.sql..", "com.fasterxml..", "org.opensearch..", "..adapter..", "..handler..",
                        "dev.rushgate.platform.http..")
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

    /**
     * Every random draw goes through {@link Randomness}, which stays unique across environments restored from one
     * SnapStart snapshot; no other class may reach for a generator of its own.
     */
    static final ArchRule RANDOMNESS_ONLY_FROM_ITS_AUDITED_CLASS = noClasses()
            .that().doNotHaveFullyQualifiedName(Randomness.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.random.RandomGenerator")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .because("a generator seeded before a SnapStart snapshot draws the same sequence in every restored copy");

    @Test
    void drawsRandomnessOnlyThroughItsAuditedClass() {
        RANDOMNESS_ONLY_FROM_ITS_AUDITED_CLASS.check(classes);
    }

    @Test
    void theRandomnessRuleCatchesAGeneratorOfItsOwn() {
        JavaClasses offenders = new ClassFileImporter().importClasses(OwnGenerator.class, MathRandom.class);

        assertThat(RANDOMNESS_ONLY_FROM_ITS_AUDITED_CLASS.evaluate(offenders).getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("ThreadLocalRandom"))
                .anySatisfy(d -> assertThat(d).contains("Math.random"));
    }

    /** Fixtures the rule must refuse (test sources, so never imported with the main classes). */
    static final class OwnGenerator {
        long id() {
            return java.util.concurrent.ThreadLocalRandom.current().nextLong();
        }
    }

    static final class MathRandom {
        double jitter() {
            return Math.random();
        }
    }
}
