package dev.rushgate.localstack.provision;

import dev.rushgate.localstack.engine.EngineOptions;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisionerIT {

    private static final Declaration DECLARATION = Rushgate.declaration();
    private static Engines engines;

    @BeforeAll
    static void startEngines() {
        engines = Engines.start(EngineOptions.ephemeral());
    }

    @AfterAll
    static void stopEngines() {
        engines.close();
    }

    @Test
    void createsEveryTableQueueAndTopic_andReturnsTheFunctionsEnvironment() throws Exception {
        // when
        Map<String, String> env = new Provisioner(DECLARATION, engines).provision();

        // then
        assertThat(env).containsEntry(EnvNames.REDIS_ENDPOINT, engines.redisEndpoint())
                .containsEntry(EnvNames.DYNAMODB_ENDPOINT, engines.dynamoEndpoint().toString())
                .containsEntry(EnvNames.SQS_ENDPOINT, engines.sqsEndpoint().toString())
                .containsEntry(EnvNames.KAFKA_BOOTSTRAP, engines.kafkaBootstrap())
                .containsEntry(EnvNames.DATABASE_URL, engines.jdbcUrl())
                .containsEntry(EnvNames.DATABASE_SECRET, engines.dbUser() + ":" + engines.dbPassword());
        try (var dynamo = LocalAwsClients.dynamo(engines.dynamoEndpoint())) {
            for (var table : DECLARATION.tables()) {
                assertThat(env).containsEntry(EnvNames.table(table.id()), table.id());
                var described = dynamo.describeTable(b -> b.tableName(table.id())).table();
                assertThat(described.keySchema()).hasSize(table.hasSortKey() ? 2 : 1);
                assertThat(described.keySchema().getFirst().attributeName()).isEqualTo(table.partitionKey());
                assertThat(described.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
            }
        }
        try (var sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            for (var queue : DECLARATION.queues()) {
                var attributes = sqs.getQueueAttributes(b -> b.queueUrl(env.get(EnvNames.queueUrl(queue.id())))
                        .attributeNames(QueueAttributeName.ALL)).attributes();
                if (!queue.hasDeadLetterQueue()) {
                    // a failure queue ends there: no redrive policy. (ElasticMQ neither reports nor applies a
                    // retention period: it keeps messages until they are deleted, longer than the cloud's 14 days.)
                    assertThat(attributes.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "")).as(queue.id()).isEmpty();
                    continue;
                }
                assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .isEqualTo(String.valueOf(queue.visibilityTimeoutSeconds()));
                assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                        .contains(LocalAwsClients.queueArn(env.get(EnvNames.queueUrl(queue.dlqId()))))
                        .contains(String.valueOf(queue.maxReceiveCount()));
                var dlq = sqs.getQueueAttributes(b -> b.queueUrl(env.get(EnvNames.queueUrl(queue.dlqId())))
                        .attributeNames(QueueAttributeName.ALL)).attributes();
                assertThat(dlq.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "")).as(queue.dlqId()).isEmpty();
            }
        }
        assertThat(topics()).containsAllEntriesOf(DECLARATION.topics().stream()
                .collect(Collectors.toMap(t -> t.id(), t -> t.partitions())));
        DECLARATION.topics().forEach(t -> assertThat(env).containsEntry(EnvNames.topic(t.id()), t.id()));
    }

    @Test
    void dropsTheRedrivePolicyAnOlderStackGaveAFailureQueue_keepingEveryMessage() throws Exception {
        // given votes-failed as stacks before issue 18 made it, with a dead-letter queue of its own, on kept data,
        // one failed batch in it and one its looks had already moved on to the old DLQ
        try (var sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            String oldDlq = sqs.createQueue(b -> b.queueName(Rushgate.VOTES_FAILED_QUEUE + "-dlq")).queueUrl();
            String failed = sqs.createQueue(b -> b.queueName(Rushgate.VOTES_FAILED_QUEUE)).queueUrl();
            sqs.setQueueAttributes(b -> b.queueUrl(failed).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + LocalAwsClients.queueArn(oldDlq) + "\",\"maxReceiveCount\":\"5\"}")));
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(failed).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                    .attributes()).containsKey(QueueAttributeName.REDRIVE_POLICY);
            sqs.sendMessage(b -> b.queueUrl(failed).messageBody("batch-1"));
            sqs.sendMessage(b -> b.queueUrl(oldDlq).messageBody("batch-0"));

            // when
            Map<String, String> env = new Provisioner(DECLARATION, engines).provision();

            // then looks at it can no longer move failed batches on
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(env.get(EnvNames.queueUrl(Rushgate.VOTES_FAILED_QUEUE)))
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes();
            assertThat(attributes.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "")).isEmpty();
            // and both failed batches wait in it, where the view lists them; the old DLQ is gone
            String url = env.get(EnvNames.queueUrl(Rushgate.VOTES_FAILED_QUEUE));
            var bodies = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().stream()
                    .map(m -> m.body()).toList();
            assertThat(bodies).containsExactlyInAnyOrder("batch-0", "batch-1");
            assertThat(sqs.listQueues().queueUrls()).noneMatch(u -> u.endsWith(Rushgate.VOTES_FAILED_QUEUE + "-dlq")
                    || u.endsWith("-migrating"));
            sqs.purgeQueue(b -> b.queueUrl(url));
        }
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        // given
        Map<String, String> first = new Provisioner(DECLARATION, engines).provision();
        Map<String, Instant> tablesCreated = tableCreationTimes();
        Map<String, String> topicIds = topicIds();

        // when
        Map<String, String> second = new Provisioner(DECLARATION, engines).provision();

        // then
        assertThat(second).isEqualTo(first);
        assertThat(tableCreationTimes()).isEqualTo(tablesCreated);
        assertThat(topicIds()).isEqualTo(topicIds);
    }

    @Test
    void provisioningAgainAfterARestartOnKeptDataSucceeds(@TempDir Path data) throws Exception {
        // given
        try (Engines kept = Engines.start(EngineOptions.persistentIn(data))) {
            new Provisioner(DECLARATION, kept).provision();
        }

        // when
        try (Engines restarted = Engines.start(EngineOptions.persistentIn(data))) {
            Map<String, String> env = new Provisioner(DECLARATION, restarted).provision();

            // then
            assertThat(env).containsKeys(DECLARATION.queues().stream().map(q -> EnvNames.queueUrl(q.id()))
                    .toArray(String[]::new));
            try (var dynamo = LocalAwsClients.dynamo(restarted.dynamoEndpoint())) {
                assertThat(dynamo.listTables().tableNames())
                        .containsExactlyInAnyOrderElementsOf(DECLARATION.tables().stream().map(t -> t.id()).toList());
            }
        }
    }

    private static Map<String, Instant> tableCreationTimes() {
        try (var dynamo = LocalAwsClients.dynamo(engines.dynamoEndpoint())) {
            return DECLARATION.tables().stream().collect(Collectors.toMap(t -> t.id(),
                    t -> dynamo.describeTable(b -> b.tableName(t.id())).table().creationDateTime()));
        }
    }

    private static Map<String, Integer> topics() throws Exception {
        return describeTopics().values().stream()
                .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
    }

    private static Map<String, String> topicIds() throws Exception {
        return describeTopics().values().stream()
                .collect(Collectors.toMap(TopicDescription::name, d -> d.topicId().toString()));
    }

    private static Map<String, TopicDescription> describeTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap()))) {
            return admin.describeTopics(DECLARATION.topics().stream().map(t -> t.id()).toList())
                    .allTopicNames().get(10, TimeUnit.SECONDS);
        }
    }
}
