package dev.rushgate.drops.outbox;

import dev.rushgate.testing.ClaimEngines;
import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.drops.adapter.DynamoClaimLedger;
import dev.rushgate.drops.adapter.DynamoDropCatalog;
import dev.rushgate.drops.adapter.RedisStock;
import dev.rushgate.drops.adapter.SqsClaimQueue;
import dev.rushgate.drops.domain.ClaimDrop;
import dev.rushgate.drops.domain.ClaimDropCommand;
import dev.rushgate.drops.domain.ClaimView;
import dev.rushgate.drops.domain.DefineDrop;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.StoreClaims;
import dev.rushgate.drops.domain.SweepClaimOutbox;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox promise against the real engines: a claim accepted while its send to SQS fails is still sent
 * by the sweeper and stored exactly once, however often it is delivered.
 */
class ClaimOutboxIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static ClaimEngines engines;
    private static EmbeddedRedis redis;
    private static SqsClient sqs;
    private static DynamoDbClient dynamo;
    private static String queueUrl;

    @BeforeAll
    static void startEngines() {
        engines = ClaimEngines.start();
        redis = engines.redis;
        sqs = engines.sqs;
        dynamo = engines.dynamo;
        queueUrl = engines.queueUrl;
    }

    @AfterAll
    static void stopEngines() {
        engines.close();
    }

    @Test
    void aClaimAcceptedWhileSqsFails_isSentByTheSweeper_andStoredExactlyOnce() {
        // given a drop, and a claim accepted while the queue cannot be reached (a queue URL that does not exist)
        var stock = new RedisStock(redis::sync);
        var catalog = new DynamoDropCatalog(dynamo, "drops");
        var ledger = new DynamoClaimLedger(dynamo, "claims", "drops", Clock.systemUTC());
        new DefineDrop(catalog, stock).define(new Drop("outbox", "Coupon", 10, 1, OPENS, null, null));
        var broken = new SqsClaimQueue(sqs, queueUrl.replace("/claims", "/no-such-queue"));
        ClaimView accepted = new ClaimDrop(stock, catalog, broken, null, Clock.fixed(OPENS.plusSeconds(1), ZoneOffset.UTC))
                .claim(new ClaimDropCommand("outbox", "u-1", null));
        assertThat(accepted.status()).isEqualTo(ClaimView.Status.ACCEPTED);
        assertThat(receiveAll()).isEmpty();

        // when the sweeper runs after the grace, with the queue reachable again, and then once more
        var queue = new SqsClaimQueue(sqs, queueUrl);
        var later = Clock.fixed(OPENS.plusSeconds(1).plus(SweepClaimOutbox.GRACE).plusSeconds(1), ZoneOffset.UTC);
        int resent = new SweepClaimOutbox(catalog, stock, queue, later).sweep();
        int again = new SweepClaimOutbox(catalog, stock, queue, later).sweep();

        // then it reached the queue once, and storing it (even twice, as a redelivery would) counts it once
        assertThat(resent).isEqualTo(1);
        assertThat(again).isZero();
        List<ClaimAccepted> messages = receiveAll().stream().map(body -> Json.read(body, ClaimAccepted.class)).toList();
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.claimId()).isEqualTo(accepted.claimId());
            assertThat(m.userId()).isEqualTo("u-1");
        });
        var store = new StoreClaims(ledger);
        store.storeAll(messages);
        store.storeAll(messages);
        assertThat(catalog.confirmed("outbox")).isEqualTo(1);
        assertThat(ledger.find("outbox", accepted.claimId())).isPresent();
    }

    private static List<String> receiveAll() {
        return engines.receiveAll();
    }
}
