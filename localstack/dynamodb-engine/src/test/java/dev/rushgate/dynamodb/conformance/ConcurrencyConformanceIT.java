package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once on the same few items: conditional writes are atomic compare-and-set, ADD loses no
 * update, and transactions are serialisable. Sizes are small so the class runs in seconds.
 */
@ExtendWith(ConformanceExtension.class)
class ConcurrencyConformanceIT {
    private static final int THREADS = 16;

    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        table = tables.hashTable("concurrency", "pk", ScalarAttributeType.S);
    }

    private static Map<String, AttributeValue> get(String pk) {
        return dynamo.getItem(r -> r.tableName(table).key(item("pk", s(pk))).consistentRead(true)).item();
    }

    /** Runs {@code work} on every thread at once and returns each thread's result. */
    private static <T> List<T> onAllThreads(IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int id = thread;
                Callable<T> task = () -> {
                    start.await();
                    return work.apply(id);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void conditionalIncrements_neverLoseAnUpdate() throws Exception {
        // given a few counters that every thread races on
        List<String> counters = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        counters.forEach(pk -> dynamo.putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n(0)))));
        Map<String, AtomicLong> successes = new ConcurrentHashMap<>();
        counters.forEach(pk -> successes.put(pk, new AtomicLong()));

        // when each thread makes a fixed number of compare-and-set attempts
        onAllThreads(thread -> {
            for (int attempt = 0; attempt < 25; attempt++) {
                String pk = counters.get((thread + attempt) % counters.size());
                long seen = Long.parseLong(get(pk).get("n").n());
                try {
                    dynamo.updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                            .updateExpression("SET n = n + :one").conditionExpression("n = :seen")
                            .expressionAttributeValues(Map.of(":one", n(1), ":seen", n(seen))));
                    successes.get(pk).incrementAndGet();
                } catch (ConditionalCheckFailedException lostTheRace) {
                    // another thread moved the counter first; the next attempt reads it again
                }
            }
            return null;
        });

        // then
        for (String pk : counters) {
            assertThat(get(pk).get("n").n()).isEqualTo(Long.toString(successes.get(pk).get()));
            assertThat(successes.get(pk).get()).isPositive();
        }
    }

    @Test
    void concurrentAdds_areAllApplied() throws Exception {
        // given
        String pk = UUID.randomUUID().toString();
        int addsPerThread = 25;

        // when
        onAllThreads(thread -> {
            for (int i = 0; i < addsPerThread; i++) {
                dynamo.updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                        .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n(1))));
            }
            return null;
        });

        // then
        assertThat(get(pk).get("hits").n()).isEqualTo(Integer.toString(THREADS * addsPerThread));
    }

    @Test
    void putIfAbsent_hasExactlyOneWinnerPerKey() throws Exception {
        // given
        String prefix = UUID.randomUUID().toString();
        int keys = 10;

        // when every thread tries to claim every key
        List<List<Integer>> claimedByThread = onAllThreads(thread -> {
            List<Integer> claimed = new ArrayList<>();
            for (int key = 0; key < keys; key++) {
                String pk = prefix + "-" + key;
                try {
                    dynamo.putItem(r -> r.tableName(table).item(item("pk", s(pk), "holder", n(thread)))
                            .conditionExpression("attribute_not_exists(pk)"));
                    claimed.add(key);
                } catch (ConditionalCheckFailedException taken) {
                    // someone else holds it
                }
            }
            return claimed;
        });

        // then
        for (int key = 0; key < keys; key++) {
            int current = key;
            List<Integer> winners = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                if (claimedByThread.get(thread).contains(current)) {
                    winners.add(thread);
                }
            }
            assertThat(winners).as("winners of key %d", key).hasSize(1);
            assertThat(get(prefix + "-" + key).get("holder").n()).isEqualTo(Integer.toString(winners.getFirst()));
        }
    }

    @Test
    void transfersInTransactions_keepTheTotalConstant() throws Exception {
        // given
        String left = UUID.randomUUID().toString();
        String right = UUID.randomUUID().toString();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(left), "units", n(100))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(right), "units", n(100))));
        AtomicLong movedLeftToRight = new AtomicLong();

        // when threads move random amounts both ways, never overdrawing
        onAllThreads(thread -> {
            for (int i = 0; i < 10; i++) {
                boolean leftToRight = ThreadLocalRandom.current().nextBoolean();
                String from = leftToRight ? left : right;
                String to = leftToRight ? right : left;
                int amount = ThreadLocalRandom.current().nextInt(1, 40);
                try {
                    dynamo.transactWriteItems(r -> r.transactItems(
                            TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(from)))
                                    .updateExpression("SET units = units - :amount").conditionExpression("units >= :amount")
                                    .expressionAttributeValues(Map.of(":amount", n(amount)))).build(),
                            TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(to)))
                                    .updateExpression("SET units = units + :amount")
                                    .expressionAttributeValues(Map.of(":amount", n(amount)))).build()));
                    movedLeftToRight.addAndGet(leftToRight ? amount : -amount);
                } catch (TransactionCanceledException cancelled) {
                    // insufficient units or a conflicting transaction: nothing moved
                }
            }
            return null;
        });

        // then
        long leftUnits = Long.parseLong(get(left).get("units").n());
        long rightUnits = Long.parseLong(get(right).get("units").n());
        assertThat(leftUnits + rightUnits).isEqualTo(200);
        assertThat(leftUnits).isEqualTo(100 - movedLeftToRight.get()).isNotNegative();
        assertThat(rightUnits).isNotNegative();
    }
}
