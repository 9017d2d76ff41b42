package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.localstack.engine.EngineOptions;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.localstack.provision.Provisioner;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SqsPollerIT {

    private static final Optional<Integer> QUICK_REDELIVERY = Optional.of(1);
    private static final QueueSpec ORDERS = new QueueSpec("orders", 30, 3);
    private static final QueueSpec FLAKY = new QueueSpec("flaky", 30, 2);
    private static final QueueSpec BURST = new QueueSpec("burst", 30, 5);
    private static final QueueSpec QUIET = new QueueSpec("quiet", 30, 3);

    private static Engines engines;
    private static Map<String, String> env;
    private static SqsClient sqs;

    @BeforeAll
    static void startEngines() {
        engines = Engines.start(EngineOptions.ephemeral());
        env = new Provisioner(new Declaration(List.of(), List.of(ORDERS, FLAKY, BURST, QUIET), List.of(), List.of()), engines).provision();
        sqs = LocalAwsClients.sqs(engines.sqsEndpoint());
    }

    @AfterAll
    static void stopEngines() {
        sqs.close();
        engines.close();
    }

    @Test
    void deletesTheSuccesses_andRedeliversAFailedMessageUntilItLandsInTheDeadLetterQueue() {
        // given
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<SQSEvent.SQSMessage> seen = new CopyOnWriteArrayList<>();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, context) -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                seen.add(m);
                deliveries.computeIfAbsent(m.getBody(), b -> new AtomicInteger()).incrementAndGet();
                if (m.getBody().equals("poison")) failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
            return new SQSBatchResponse(failures);
        };
        send(ORDERS, List.of("a", "b", "poison", "c", "d"));

        // when
        try (SqsPoller poller = poller("store-orders", ORDERS, handler, new Trigger.Sqs(ORDERS.id(), 10, 0))) {
            poller.start();

            // then
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(receiveAll(ORDERS.dlqId())).containsExactly("poison"));
        }
        assertThat(deliveries.get("poison")).hasValue(ORDERS.maxReceiveCount());
        assertThat(List.of("a", "b", "c", "d")).allSatisfy(body -> assertThat(deliveries.get(body)).hasValue(1));
        assertThat(messagesIn(ORDERS.id())).isZero();
        SQSEvent.SQSMessage first = seen.getFirst();
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getMd5OfBody()).isNotBlank();
        assertThat(first.getReceiptHandle()).isNotBlank();
        assertThat(first.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp");
    }

    @Test
    void deletesNothingWhenTheHandlerThrows_soTheWholeBatchEndsInTheDeadLetterQueue() {
        // given
        AtomicInteger invocations = new AtomicInteger();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, context) -> {
            invocations.incrementAndGet();
            throw new IllegalStateException("database down");
        };
        send(FLAKY, List.of("x", "y"));

        // when
        try (SqsPoller poller = poller("store-flaky", FLAKY, handler, new Trigger.Sqs(FLAKY.id(), 10, 1))) {
            poller.start();

            // then
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(receiveAll(FLAKY.dlqId())).containsExactlyInAnyOrder("x", "y"));
        }
        assertThat(invocations.get()).isGreaterThanOrEqualTo(FLAKY.maxReceiveCount());
    }

    @Test
    void handlesEveryMessageAtLeastOnce_whenTheConsumerIsKilledMidBatchAndReplaced() throws Exception {
        // given
        List<String> bodies = IntStream.range(0, 20).mapToObj(i -> "m" + i).toList();
        send(BURST, bodies);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        CountDownLatch midBatch = new CountDownLatch(1);
        AtomicInteger firstBatchSize = new AtomicInteger();
        RequestHandler<SQSEvent, SQSBatchResponse> crashing = (event, context) -> {
            firstBatchSize.compareAndSet(0, event.getRecords().size());
            event.getRecords().stream().limit(event.getRecords().size() / 2).forEach(m -> handled.add(m.getBody()));
            midBatch.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("killed");
            }
            return new SQSBatchResponse(List.of());
        };
        Trigger.Sqs trigger = new Trigger.Sqs(BURST.id(), 25, 1);
        SqsPoller first = poller("store-burst", BURST, crashing, trigger);
        first.start();
        assertThat(midBatch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // when
        long killStart = System.nanoTime();
        first.kill();
        Duration killTook = Duration.ofNanos(System.nanoTime() - killStart);
        RequestHandler<SQSEvent, SQSBatchResponse> healthy = (event, context) -> {
            event.getRecords().forEach(m -> handled.add(m.getBody()));
            return new SQSBatchResponse(List.of());
        };
        try (SqsPoller second = poller("store-burst", BURST, healthy, trigger)) {
            second.start();

            // then
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(handled).containsExactlyInAnyOrderElementsOf(bodies);
                assertThat(messagesIn(BURST.id())).isZero();
            });
        }
        assertThat(killTook).isLessThan(Duration.ofSeconds(2));
        assertThat(firstBatchSize.get()).as("gathered past SQS's ten per receive").isGreaterThan(10);
        assertThat(receiveAll(BURST.dlqId())).isEmpty();
    }

    @Test
    void pollersOfAnEmptyQueueReceiveAsOne_andAllTakeBatchesOnceMessagesArrive() throws Exception {
        // given three pollers of one queue, counting their receives
        AtomicInteger receives = new AtomicInteger();
        SqsClient counted = (SqsClient) java.lang.reflect.Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[]{SqsClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("receiveMessage")) receives.incrementAndGet();
                    try {
                        return method.invoke(sqs, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, context) -> {
            mostAtOnce.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
            event.getRecords().forEach(m -> handled.add(m.getBody()));
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inHandler.decrementAndGet();
            return new SQSBatchResponse(List.of());
        };
        List<SqsPoller> pollers = SqsPoller.of(3, "quiet-consumer", new Trigger.Sqs(QUIET.id(), 10, 0), QUIET,
                env.get(EnvNames.queueUrl(QUIET.id())), counted, handler, QUICK_REDELIVERY);
        pollers.forEach(SqsPoller::start);
        try {
            // when the queue stays empty for three seconds, after the first receives
            Thread.sleep(1500);
            int before = receives.get();
            Thread.sleep(3000);
            int idle = receives.get() - before;

            // then one poller receives, a long poll (1 s) at a time, where three would make about nine receives
            assertThat(idle).as("receives of three pollers in 3 s of an empty queue").isBetween(1, 5);

            // when a burst arrives, every poller takes batches of it
            List<String> bodies = IntStream.range(0, 90).mapToObj(i -> "q" + i).toList();
            send(QUIET, bodies);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(handled).containsExactlyInAnyOrderElementsOf(bodies);
                assertThat(messagesIn(QUIET.id())).isZero();
            });
            assertThat(mostAtOnce.get()).as("batches handled at once").isGreaterThanOrEqualTo(2);
        } finally {
            long began = System.nanoTime();
            pollers.forEach(SqsPoller::close);
            // a waiting poller looks at least once a second whether to stop
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static SqsPoller poller(String functionId, QueueSpec queue, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                                    Trigger.Sqs trigger) {
        return new SqsPoller(functionId, trigger, queue, env.get(EnvNames.queueUrl(queue.id())), sqs, handler,
                QUICK_REDELIVERY);
    }

    private static void send(QueueSpec queue, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies.get(i)).build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(env.get(EnvNames.queueUrl(queue.id()))).entries(entries));
        }
    }

    private static List<String> receiveAll(String queueId) {
        return sqs.receiveMessage(b -> b.queueUrl(env.get(EnvNames.queueUrl(queueId))).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages().stream().map(m -> m.body()).toList();
    }

    private static int messagesIn(String queueId) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(env.get(EnvNames.queueUrl(queueId)))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
