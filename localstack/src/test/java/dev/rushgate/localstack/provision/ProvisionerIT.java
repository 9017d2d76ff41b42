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
                assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .isEqualTo(String.valueOf(queue.visibilityTimeoutSeconds()));
                assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                        .contains(LocalAwsClients.queueArn(env.get(EnvNames.queueUrl(queue.dlqId()))))
                        .contains(String.valueOf(queue.maxReceiveCount()));
            }
        }
        assertThat(topics()).containsAllEntriesOf(DECLARATION.topics().stream()
                .collect(Collectors.toMap(t -> t.id(), t -> t.partitions())));
        DECLARATION.topics().forEach(t -> assertThat(env).containsEntry(EnvNames.topic(t.id()), t.id()));
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
