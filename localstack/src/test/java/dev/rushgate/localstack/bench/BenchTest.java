package dev.rushgate.localstack.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's command line: which scenario runs and with what; no load is generated here. */
class BenchTest {

    @Test
    void selectsTheRoomScenario_withItsDefaults() {
        // when
        Bench.Options options = Bench.Options.parse("room");

        // then
        assertThat(options.scenario()).isEqualTo("room");
        assertThat(Bench.SCENARIOS).containsKeys("drop", "room");
        assertThat(options.url()).isNull();
        assertThat(options.queued()).isEqualTo(100_000);
        assertThat(options.mintSeconds()).isEqualTo(30);
        assertThat(options.connections()).isEqualTo(50);
        assertThat(options.seconds()).isEqualTo(5);
    }

    @Test
    void readsEveryOption() {
        // when
        Bench.Options options = Bench.Options.parse("drop", "--url", "http://127.0.0.1:18080", "--connections", "20",
                "--seconds", "3", "--users", "500", "--rush-claims", "1000", "--queued", "20000", "--mint-seconds", "10",
                "--voters", "3000");

        // then
        assertThat(options).isEqualTo(new Bench.Options("drop", URI.create("http://127.0.0.1:18080"), 20, 3, 500,
                1_000, 20_000, 10, 3_000));
    }

    @Test
    void refusesAnUnknownScenario_aMissingValue_anUnknownOption_andANonPositiveNumber() {
        assertThatThrownBy(Bench.Options::parse).hasMessageContaining("known: drop, room");
        assertThatThrownBy(() -> Bench.Options.parse("tickets")).hasMessageContaining("unknown benchmark tickets");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--queued")).hasMessageContaining("--queued needs a value");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--fast", "1")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--queued", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--seconds", "x")).hasMessageContaining("needs a number");
    }
}
