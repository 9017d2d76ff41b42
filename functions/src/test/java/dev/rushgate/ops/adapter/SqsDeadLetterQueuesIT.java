package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.DeadLetter;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead-letter queues on ElasticMQ: looking leaves messages in place; moving sends each once, then deletes it. */
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

    private static SqsDeadLetterQueues queues(String work, String dlq) {
        Map<String, String> urls = Map.of(work, sqs.createQueue(b -> b.queueName(work)).queueUrl(),
                dlq, sqs.createQueue(b -> b.queueName(dlq)).queueUrl());
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
    void movesEveryMessageOnce_inBatches_upToTheLimit() {
        // given 25 dead letters
        String id = "q" + UUID.randomUUID().toString().substring(0, 8);
        var queues = queues(id, id + "-dlq");
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(id + "-dlq")).queueUrl();
        IntStream.range(0, 25).forEach(i -> sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("m-" + i)));

        // when moved at most 20 at a time
        int first = queues.move(id + "-dlq", id, 20);
        int second = queues.move(id + "-dlq", id, 20);

        // then all 25 are back in the work queue, each once, and none is left behind
        assertThat(first).isEqualTo(20);
        assertThat(second).isEqualTo(5);
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
}
