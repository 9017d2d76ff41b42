package dev.rushgate.drops.outbox;

import dev.rushgate.drops.adapter.DynamoClaimLedger;
import dev.rushgate.drops.adapter.DynamoDropCatalog;
import dev.rushgate.drops.adapter.RedisStock;
import dev.rushgate.drops.adapter.SqsClaimPipeline;
import dev.rushgate.drops.adapter.SqsClaimQueue;
import dev.rushgate.drops.domain.ClaimDrop;
import dev.rushgate.drops.domain.ClaimDropCommand;
import dev.rushgate.drops.domain.ClaimView;
import dev.rushgate.drops.domain.DefineDrop;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.RecoverDrop;
import dev.rushgate.drops.domain.StoreClaims;
import dev.rushgate.drops.domain.ViewDrop;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.DomainException;
import dev.rushgate.platform.errors.Unavailable;
import dev.rushgate.testing.ClaimEngines;
import dev.rushgate.testing.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A drop whose cache is flushed mid-rush, against the real engines (Redis, ElasticMQ, the DynamoDB engine): no claim
 * is decided until every claim accepted before the flush is stored, and the rebuilt stock then sells exactly what is
 * left, keeps each holder's limit, and answers a retry with its first claim.
 */
class DropRecoveryIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static final Clock CLOCK = Clock.fixed(OPENS.plusSeconds(1), ZoneOffset.UTC);
    private static ClaimEngines engines;
    private static EmbeddedRedis redis;
    private static SqsClient sqs;
    private static DynamoDbClient dynamo;
    private static String queueUrl;
    private static String dlqUrl;

    @BeforeAll
    static void startEngines() {
        engines = ClaimEngines.start();
        redis = engines.redis;
        sqs = engines.sqs;
        dynamo = engines.dynamo;
        queueUrl = engines.queueUrl;
        dlqUrl = engines.dlqUrl;
    }

    @AfterAll
    static void stopEngines() {
        engines.close();
    }

    @Test
    void aFlushedDropIsRebuiltFromStorage_onlyOnceEveryAcceptedClaimIsStored_andNeverSellsAUnitTwice() {
        // given a drop of 10, one per user, and 6 claims accepted (half with an Idempotency-Key) on their way to storage
        var stock = new RedisStock(redis::sync);
        var catalog = new DynamoDropCatalog(dynamo, "drops");
        var ledger = new DynamoClaimLedger(dynamo, "claims", "drops", Clock.systemUTC());
        var recovery = new RecoverDrop(stock, new SqsClaimPipeline(sqs, List.of(queueUrl, dlqUrl)), ledger,
                Duration.ZERO);
        var claims = new ClaimDrop(stock, catalog, new SqsClaimQueue(sqs, queueUrl), recovery, CLOCK);
        new DefineDrop(catalog, stock).define(new Drop("flushed", "Coupon", 10, 1, OPENS, null, null));
        Map<String, String> firstClaims = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String key = i % 2 == 0 ? "key-" + i : null;
            firstClaims.put("u-" + i, claims.claim(new ClaimDropCommand("flushed", "u-" + i, key)).claimId());
        }

        // when the cache is flushed while those claims are still on the queue
        redis.sync().flushall();

        // then no claim is decided, and the drop is not shown, while they may still be on their way
        assertThatThrownBy(() -> claims.claim(new ClaimDropCommand("flushed", "u-100", null)))
                .isInstanceOf(Unavailable.class).extracting("code").isEqualTo("recovering");
        var view = new ViewDrop(catalog, stock, recovery, CLOCK);
        assertThatThrownBy(() -> view.view("flushed")).isInstanceOf(Unavailable.class);
        assertThat(stock.level("flushed")).isEmpty();

        // when the consumer stores them, and the next claim comes after the rebuild's hold
        new StoreClaims(ledger).storeAll(receiveAll().stream().map(b -> Json.read(b, ClaimAccepted.class)).toList());
        sleep(Duration.ofMillis(1_100));

        // then the drop is rebuilt from storage: 6 accepted, a retry with its key gets its first claim, a holder
        // without a key is refused, and only the 4 units left are sold to the 20 newcomers
        assertThat(view.view("flushed").accepted()).isEqualTo(6);
        assertThat(claims.claim(new ClaimDropCommand("flushed", "u-0", "key-0")).claimId())
                .isEqualTo(firstClaims.get("u-0"));
        assertThatThrownBy(() -> claims.claim(new ClaimDropCommand("flushed", "u-1", null)))
                .isInstanceOf(Conflict.class).extracting("code").isEqualTo("limit-reached");
        List<String> answers = new ArrayList<>();
        for (int i = 100; i < 120; i++) {
            try {
                ClaimView c = claims.claim(new ClaimDropCommand("flushed", "u-" + i, null));
                answers.add(c.status().name());
            } catch (DomainException e) {
                answers.add(e.code());
            }
        }
        assertThat(answers).filteredOn("ACCEPTED"::equals).hasSize(4);
        assertThat(answers).filteredOn("sold-out"::equals).hasSize(16);
        assertThat(stock.level("flushed").orElseThrow().accepted()).isEqualTo(10);
    }

    @Test
    void aDropWaits_whileItsClaimsQueuesDeadLetterQueueHoldsAMessage() {
        // given a drop whose cache was lost, and a claim that failed into the dead-letter queue
        var stock = new RedisStock(redis::sync);
        var catalog = new DynamoDropCatalog(dynamo, "drops");
        var ledger = new DynamoClaimLedger(dynamo, "claims", "drops", Clock.systemUTC());
        var recovery = new RecoverDrop(stock, new SqsClaimPipeline(sqs, List.of(queueUrl, dlqUrl)), ledger,
                Duration.ZERO);
        new DefineDrop(catalog, stock).define(new Drop("dead", "Coupon", 10, 1, OPENS, null, null));
        redis.sync().del("{drop:dead}:meta");
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(Json.write(new ClaimAccepted("dead", "c-1", "u-1", 1L))));

        // when a claim comes, then it is told to retry, and nothing is rebuilt
        var claims = new ClaimDrop(stock, catalog, new SqsClaimQueue(sqs, queueUrl), recovery, CLOCK);
        assertThatThrownBy(() -> claims.claim(new ClaimDropCommand("dead", "u-2", null)))
                .isInstanceOf(Unavailable.class).extracting("code").isEqualTo("recovering");
        assertThat(stock.level("dead")).isEmpty();
        sqs.purgeQueue(b -> b.queueUrl(dlqUrl));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> receiveAll() {
        return engines.receiveAll();
    }
}
