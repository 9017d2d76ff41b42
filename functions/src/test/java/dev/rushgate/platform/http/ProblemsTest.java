package dev.rushgate.platform.http;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.DomainException;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.errors.TooLarge;
import dev.rushgate.platform.errors.TooMany;
import dev.rushgate.platform.errors.Unauthenticated;
import dev.rushgate.platform.errors.Unavailable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    record Kind(DomainException failure, int status) {}

    static Stream<Kind> kinds() {
        return Stream.of(new Kind(new BadInput("x-y", "d"), 400), new Kind(new Unauthenticated("x-y", "d"), 401),
                new Kind(new Forbidden("x-y", "d"), 403), new Kind(new NotFound("x-y", "d"), 404),
                new Kind(new Conflict("x-y", "d"), 409), new Kind(new TooLarge("x-y", "d"), 413),
                new Kind(new TooMany("x-y", "d", java.time.Duration.ofSeconds(3)), 429), new Kind(new Unavailable("x-y", "d"), 503));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void mapsEachKindToItsStatus_keepingCodeAndDetail(Kind kind) {
        var problem = Problems.of(kind.failure());

        assertThat(problem.status()).isEqualTo(kind.status());
        assertThat(problem.code()).isEqualTo("x-y");
        assertThat(problem.title()).isEqualTo("X y");
        assertThat(problem.detail()).isEqualTo("d");
        assertThat(problem.type()).endsWith("/x-y");
    }
}
