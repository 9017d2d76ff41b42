package dev.rushgate.localstack.e2e;

import dev.rushgate.localstack.bench.StackProcess;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./rushgate local --features drops}, as {@code -c features=drops} deploys: drops and the core answer, voting
 * is an unknown route, and the dead-letter view lists the claims queue and the notices queue only (drops tell claimants
 * through the notices feature, which comes along). A process of its own: a second stack in
 * this JVM would share the shared stack's system properties.
 */
class FeaturesE2E {

    @Test
    void servesOnlyTheSelectedFeatures_andTheCore(@TempDir Path dir) throws Exception {
        try (StackProcess stack = StackProcess.start(dir.resolve("stack.log"), List.of("--features", "drops"))) {
            var api = new Api(stack.url());
            String admin = api.token("ops-1", "admin");

            assertThat(api.put("/v1/admin/drops/only-drops", admin, Api.json(Map.of("name", "Coupon", "stock", 5,
                    "perUserLimit", 1, "opensAt", Instant.now().minusSeconds(1).toString()))).status()).isEqualTo(201);
            assertThat(api.post("/v1/drops/only-drops/claims", api.token("u-1"), null).status()).isEqualTo(202);
            var vote = api.post("/v1/polls/p/votes", api.token("u-1"), "{\"optionId\":\"a\"}");
            assertThat(vote.status()).isEqualTo(404);
            assertThat(vote.code()).isEqualTo("unknown-route");
            var view = api.get("/v1/admin/dead-letters", admin);
            assertThat(view.status()).as(view.raw()).isEqualTo(200);
            assertThat(view.body().get("deadLetters")).extracting(s -> s.get("name").asText())
                    .containsExactly(Rushgate.CLAIMS_QUEUE, Rushgate.NOTICES_QUEUE, Rushgate.ADMIN_ALERTS_QUEUE);
            assertThat(api.get("/v1/me/notifications", api.token("u-1")).status()).isEqualTo(200);
        }
    }
}
