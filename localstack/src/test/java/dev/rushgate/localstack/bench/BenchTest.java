package dev.rushgate.localstack.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's command line (which scenario runs and with what), and one tiny run of the tables bench. */
class BenchTest {

    @Test
    void aStackWhoseGatewayPortWasTaken_isStartedAgain_butNoOtherFailureIs() {
        // as a bench's stack printed it on 2026-12-06, when an engine's ephemeral port took the gateway's first
        String gateway = """
                Exception in thread "main" java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                \tat jdk.httpserver/com.sun.net.httpserver.HttpServer.create(HttpServer.java:152)
                \tat dev.rushgate.localstack.JdkHttpServers.create(JdkHttpServers.java:32)
                \tat dev.rushgate.localstack.LocalGateway.<init>(LocalGateway.java:90)
                \tat dev.rushgate.localstack.LocalStack.<init>(LocalStack.java:145)
                """;
        String engine = """
                Exception in thread "main" java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                \tat dev.rushgate.localstack.engine.Engines.start(Engines.java:120)
                """;

        assertThat(StackProcess.gatewayPortTaken(gateway)).isTrue();
        assertThat(StackProcess.gatewayPortTaken(engine)).isFalse();
        assertThat(StackProcess.gatewayPortTaken("the data directory is in use by another stack")).isFalse();
    }

    @Test
    void aCpuBudget_saysHowManyUnitsTheCoresCarry_andHowManyCoresATargetNeeds() {
        // given: 380 µs of the stack's CPU and 20 µs of the client's per vote
        CpuBudget.Spent spent = new CpuBudget.Spent(380, 20, 0.25);

        // then
        assertThat(spent.ceilingPerSecond(2)).isEqualTo(5_000);
        assertThat(spent.coresFor(10_000)).isEqualTo(4.0);
    }

    @Test
    void aStackStartedByABenchUsesTheStartUpCacheTheLauncherNamed() throws Exception {
        String before = System.getProperty(StackProcess.CACHE_OPTIONS);
        try {
            System.clearProperty(StackProcess.CACHE_OPTIONS);
            List<String> plain = StackProcess.jvmOptions();
            System.setProperty(StackProcess.CACHE_OPTIONS, "-XX:AOTCache=/r/.rushgate/startup/stack-25-ab.aot "
                    + "-XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching");

            assertThat(plain).contains("-Xmx1536m").noneMatch(o -> o.contains("AOT"));
            assertThat(StackProcess.jvmOptions()).startsWith(plain.toArray(String[]::new)).endsWith(
                    "-XX:AOTCache=/r/.rushgate/startup/stack-25-ab.aot", "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:-AOTAdapterCaching");
        } finally {
            if (before == null) System.clearProperty(StackProcess.CACHE_OPTIONS);
            else System.setProperty(StackProcess.CACHE_OPTIONS, before);
        }
    }

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
        assertThatThrownBy(Bench.Options::parse).hasMessageContaining("known: drop, feed, room");
        assertThatThrownBy(() -> Bench.Options.parse("tickets")).hasMessageContaining("unknown benchmark tickets");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--queued")).hasMessageContaining("--queued needs a value");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--fast", "1")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--queued", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Bench.Options.parse("room", "--seconds", "x")).hasMessageContaining("needs a number");
    }

    @Test
    void readsTheTablesOptions_andRefusesWhatItDoesNotKnow() {
        // when
        TablesBench.Options defaults = TablesBench.Options.parse();
        TablesBench.Options chosen = TablesBench.Options.parse("--connections", "8", "--durable", "--seconds", "2",
                "--rounds", "7");

        // then
        assertThat(defaults).isEqualTo(new TablesBench.Options(32, 3, 5, false, 200, 6));
        assertThat(chosen).isEqualTo(new TablesBench.Options(8, 2, 7, true, 200, 6));
        assertThatThrownBy(() -> TablesBench.Options.parse("--url", "x")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> TablesBench.Options.parse("--fast", "1")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> TablesBench.Options.parse("--rounds", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> TablesBench.Options.parse("--seconds")).hasMessageContaining("--seconds needs a value");
    }

    @Test
    void aTinyTablesRun_measuresEveryRowOnBothSides() throws Exception {
        // given one round of 1-second phases, 4 callers a side and 5 partitions to query, no warm-up
        TablesBench.Options tiny = new TablesBench.Options(4, 1, 1, false, 5, 0);

        // when
        List<TablesBench.Row> rows = TablesBench.run(tiny);

        // then
        assertThat(rows).extracting(TablesBench.Row::metric).containsExactly("conditional puts/s",
                "transactions of 25 puts/s", "Query, 20 of 100 items/s", "Query p50 ms", "Query p99 ms",
                "failed operations");
        assertThat(rows.subList(0, 5)).allSatisfy(row -> {
            assertThat(row.engine()).isPositive();
            assertThat(row.jdbc()).isPositive();
            assertThat(row.ratio()).isPositive();
        });
        assertThat(rows.getLast().engine()).isZero();
        assertThat(rows.getLast().jdbc()).isZero();
    }
}
