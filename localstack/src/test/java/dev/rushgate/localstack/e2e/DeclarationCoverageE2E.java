package dev.rushgate.localstack.e2e;

import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local half of "one declaration": every declared route is served by the local gateway and every
 * declared consumer runs, no more and no fewer. The infra module's stack tests prove the same of the
 * synthesized template.
 */
@ExtendWith(SharedStack.class)
class DeclarationCoverageE2E {

    @Test
    void servesEveryDeclaredRoute_andNothingElse() {
        List<String> declared = Rushgate.declaration().httpFunctions().stream()
                .map(f -> ((Trigger.Http) f.trigger()).routeKey()).toList();

        assertThat(SharedStack.stack().routeKeys()).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void runsEveryDeclaredConsumer() {
        List<String> consumers = Rushgate.declaration().functions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Sqs || f.trigger() instanceof Trigger.Kafka
                        || f.trigger() instanceof Trigger.DynamoStream)
                .map(FunctionSpec::id).toList();

        assertThat(SharedStack.stack().runningConsumers()).containsExactlyInAnyOrderElementsOf(consumers);
    }

    @Test
    void runsOneConsumerPerPartition_ofEachTopicConsumed_andConcurrentBatchesOfEachQueue() {
        var declaration = Rushgate.declaration();
        for (FunctionSpec f : declaration.functions()) {
            int expected = switch (f.trigger()) {
                case Trigger.Kafka k -> declaration.topic(k.topic()).partitions();
                case Trigger.Sqs s -> Math.min(dev.rushgate.localstack.LocalStack.SQS_POLLERS_AT_START,
                        Rushgate.guardRails().maxConcurrency().getOrDefault(f.id(), Integer.MAX_VALUE));
                default -> 1;
            };
            if (f.trigger() instanceof Trigger.Sqs || f.trigger() instanceof Trigger.Kafka
                    || f.trigger() instanceof Trigger.DynamoStream) {
                assertThat(SharedStack.stack().pollersOf(f.id())).as(f.id()).isEqualTo(expected);
            }
        }
        assertThat(SharedStack.stack().pollersOf("count-votes")).isEqualTo(6);
    }

    @Test
    void ranEveryDeployFunctionOnceAtStart_soTheSchemaIsMigrated() throws Exception {
        List<String> afterDeploy = Rushgate.declaration().functions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Deploy).map(FunctionSpec::id).toList();

        assertThat(SharedStack.stack().afterDeployResults()).containsOnlyKeys(afterDeploy);
        var engines = SharedStack.stack().engines();
        try (var db = DriverManager.getConnection(engines.jdbcUrl(), engines.dbUser(), engines.dbPassword());
             var rs = db.createStatement().executeQuery("select count(*) from flyway_schema_history where success")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    @Test
    void answersEveryDeclaredRouteWithoutA5xx() {
        Api api = SharedStack.api();
        String admin = api.token("coverage-admin", "admin");
        for (FunctionSpec function : Rushgate.declaration().httpFunctions()) {
            var http = (Trigger.Http) function.trigger();
            String path = http.path().equals(Trigger.Http.DEFAULT_PATH) ? "/v1/unknown"
                    : http.path().replaceAll("\\{[^}]+}", "coverage");
            String method = http.method().equals("ANY") ? "GET" : http.method();
            Api.Answer answer = api.send(method, path, admin, method.equals("GET") ? null : "{}", java.util.Map.of());
            assertThat(answer.status()).as(function.id() + " " + answer.raw()).isBetween(200, 499);
        }
    }
}
