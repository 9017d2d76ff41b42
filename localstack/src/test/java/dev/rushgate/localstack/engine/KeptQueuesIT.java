package dev.rushgate.localstack.engine;

import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.localstack.provision.Provisioner;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Rushgate;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS under a data directory keeps its messages across restarts, and a data directory has one stack at a time. */
class KeptQueuesIT {

    private static final Declaration DECLARATION = Rushgate.declaration();

    @Test
    void queuedAndInFlightMessagesSurviveARestart_withTheirReceiveCountsAndReceipts(@TempDir Path dir) {
        // given: one message never received, and one received twice and still in flight
        String inFlightReceipt;
        try (Engines engines = Engines.start(EngineOptions.persistentIn(dir));
             SqsClient sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            String waiting = sqs.createQueue(b -> b.queueName("waiting")).queueUrl();
            String working = sqs.createQueue(b -> b.queueName("working")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(waiting).messageBody("never received"));
            sqs.sendMessage(b -> b.queueUrl(working).messageBody("received twice"));
            receiveOne(sqs, working, 0);
            Message second = receiveOne(sqs, working, 600);
            assertThat(receiveCount(second)).isEqualTo(2);
            inFlightReceipt = second.receiptHandle();
        }

        // when: a new stack on the same directory, which creates the queues again as the provisioner would
        try (Engines engines = Engines.start(EngineOptions.persistentIn(dir));
             SqsClient sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            String waiting = sqs.createQueue(b -> b.queueName("waiting")).queueUrl();
            String working = sqs.createQueue(b -> b.queueName("working")).queueUrl();

            // then
            Message queued = receiveOne(sqs, waiting, 600);
            assertThat(queued.body()).isEqualTo("never received");
            assertThat(receiveCount(queued)).isEqualTo(1);
            assertThat(attribute(sqs, working, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .as("still in flight: its visibility timeout was kept").isEqualTo("1");
            sqs.changeMessageVisibility(b -> b.queueUrl(working).receiptHandle(inFlightReceipt).visibilityTimeout(0));
            Message third = receiveOne(sqs, working, 600);
            assertThat(third.body()).isEqualTo("received twice");
            assertThat(receiveCount(third)).isEqualTo(3);
        }
    }

    @Test
    void aMessageReceivedFourTimesBeforeARestart_reachesItsDeadLetterQueueAfterOneMoreFailure(@TempDir Path dir) {
        // given: a declared queue (DLQ after 5 receives) whose message failed 4 times
        QueueSpec claims = DECLARATION.queues().getFirst();
        assertThat(claims.maxReceiveCount()).isEqualTo(5);
        try (Engines engines = Engines.start(EngineOptions.persistentIn(dir));
             SqsClient sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            String url = Provisioner.provision(DECLARATION, engines).get(EnvNames.queueUrl(claims.id()));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison"));
            for (int i = 1; i <= 4; i++) assertThat(receiveCount(receiveOne(sqs, url, 0))).isEqualTo(i);
        }

        // when: the next stack provisions the queues again, and the message fails once more
        try (Engines engines = Engines.start(EngineOptions.persistentIn(dir));
             SqsClient sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            Map<String, String> env = Provisioner.provision(DECLARATION, engines);
            String url = env.get(EnvNames.queueUrl(claims.id()));
            String dlq = env.get(EnvNames.queueUrl(claims.dlqId()));
            assertThat(receiveCount(receiveOne(sqs, url, 0))).isEqualTo(5);

            // then
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
            Message dead = receiveOne(sqs, dlq, 600);
            assertThat(dead.body()).isEqualTo("poison");
        }
    }

    @Test
    void aSecondStackOnTheSameDirectory_isRefusedWithThePidOfTheFirst_andTheFirstGoesOn(@TempDir Path dir) {
        // given
        try (Engines first = Engines.start(EngineOptions.persistentIn(dir))) {

            // when / then
            assertThatThrownBy(() -> Engines.start(EngineOptions.persistentIn(dir)).close())
                    .isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining("another Rushgate stack (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining(dir.toAbsolutePath().toString());
            try (var redis = RedisClient.create("redis://" + first.redisEndpoint()); var c = redis.connect()) {
                assertThat(c.sync().ping()).isEqualTo("PONG");
            }
        }
        // and once the first has stopped, the directory is free again
        try (Engines again = Engines.start(EngineOptions.persistentIn(dir))) {
            assertThat(again.redisEndpoint()).isNotBlank();
        }
    }

    private static Message receiveOne(SqsClient sqs, String url, int visibilitySeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(5)
                .visibilityTimeout(visibilitySeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(messages).as("a message in " + url).hasSize(1);
        return messages.getFirst();
    }

    private static int receiveCount(Message m) {
        return Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    private static String attribute(SqsClient sqs, String url, QueueAttributeName name) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(name)).attributes().get(name);
    }
}
