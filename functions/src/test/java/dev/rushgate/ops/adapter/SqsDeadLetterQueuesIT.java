package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.DeadLetter;
import dev.rushgate.ops.domain.DeadLetterQueues;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Dead-letter queues on ElasticMQ: looking leaves messages in place; a redrive is a message move task. */
class SqsDeadLetterQueuesIT {

    private static SQSRestServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        int port = server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.stopAndWait();
    }

    /** A work queue whose redrive policy names {@code dlq}, as the CDK app and the local stack declare them. */
    private static SqsDeadLetterQueues queues(String work, String dlq) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(dlq)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String workUrl = sqs.createQueue(b -> b.queueName(work).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}"))).queueUrl();
        Map<String, String> urls = Map.of(work, workUrl, dlq, dlqUrl);
        return new SqsDeadLetterQueues(sqs, urls::get);
    }

    @Test
    void samplesWithoutTakingMessagesAway() {
        // given
        String id = "q" + UUID.randomUUID().toString().substring(0, 8);
        var queues = queues(id, id + "-dlq");
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(id + "-dlq")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("{\"n\":1}"));

        // when
        List<DeadLetter> first = queues.sample(id + "-dlq", 3);
        List<DeadLetter> second = queues.sample(id + "-dlq", 3);

        // then
        assertThat(first).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"n\":1}");
            assertThat(m.sentAt()).isNotNull();
        });
        assertThat(second).extracting(DeadLetter::messageId).containsExactly(first.getFirst().messageId());
        assertThat(queues.count(id + "-dlq")).isEqualTo(1);
    }

    @Test
    void redrivesWithAMessageMoveTask_everyMessageBackOnce_andTheLatestMoveShowsHowItWent() {
        // given 25 dead letters
        String id = "q" + UUID.randomUUID().toString().substring(0, 8);
        var queues = queues(id, id + "-dlq");
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(id + "-dlq")).queueUrl();
        IntStream.range(0, 25).forEach(i -> sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("m-" + i)));
        assertThat(queues.latestMove(id + "-dlq")).isEmpty();

        // when the move starts
        DeadLetterQueues.Move started = queues.startMove(id + "-dlq", id);

        // then it ends with all 25 back in the work queue, each once, and none left behind
        assertThat(started.toMove()).isEqualTo(25);
        await().atMost(Duration.ofSeconds(20)).until(() -> queues.latestMove(id + "-dlq").orElseThrow().status(),
                "COMPLETED"::equals);
        assertThat(queues.latestMove(id + "-dlq").orElseThrow().moved()).isEqualTo(25);
        assertThat(queues.count(id + "-dlq")).isZero();
        Set<String> bodies = new HashSet<>();
        String workUrl = sqs.getQueueUrl(b -> b.queueName(id)).queueUrl();
        List<String> received;
        do {
            received = sqs.receiveMessage(b -> b.queueUrl(workUrl).maxNumberOfMessages(10)).messages().stream()
                    .map(m -> m.body()).toList();
            received.forEach(body -> assertThat(bodies.add(body)).as("received twice: " + body).isTrue());
        } while (!received.isEmpty());
        assertThat(bodies).hasSize(25);
    }

    @Test
    void looksNeverMoveAMessageOn_howeverOftenTheyReceiveIt() {
        // given a dead letter, looked at more often than any maxReceiveCount would allow
        String id = "q" + UUID.randomUUID().toString().substring(0, 8);
        var queues = queues(id, id + "-dlq");
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(id + "-dlq")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("look at me"));
        for (int look = 0; look < 12; look++) assertThat(queues.sample(id + "-dlq", 3)).hasSize(1);

        // then it is still there, counted, and its receive count shows the looks
        assertThat(queues.count(id + "-dlq")).isEqualTo(1);
        assertThat(queues.sample(id + "-dlq", 3)).singleElement()
                .satisfies(m -> assertThat(m.receiveCount()).isGreaterThan(12));
    }
}
