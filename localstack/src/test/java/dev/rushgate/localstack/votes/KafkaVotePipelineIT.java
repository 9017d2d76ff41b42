package dev.rushgate.localstack.votes;

import dev.rushgate.localstack.engine.EngineOptions;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.votes.adapter.KafkaVotePipeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The votes pipeline against the stack's real Kafka and SQS engines: drained only once the consumer group has
 * committed the end of every partition and its on-failure queue is empty.
 */
class KafkaVotePipelineIT {
    private static Engines engines;
    private static Admin admin;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        engines = Engines.start(EngineOptions.ephemeral());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap()));
        sqs = SqsClient.builder().endpointOverride(engines.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        admin.close();
        engines.close();
    }

    @Test
    void drainedOnlyWhenTheGroupHasConsumedEveryPartition_andNothingWasSetAside() throws Exception {
        // given a topic of two partitions with three records, and a consumer group that has read none of them
        admin.createTopics(List.of(new NewTopic("ballots", 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                engines.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            for (String poll : List.of("p1", "p2", "p3")) producer.send(new ProducerRecord<>("ballots", poll, "v")).get();
        }
        String failures = sqs.createQueue(b -> b.queueName("ballots-failed")).queueUrl();
        var pipeline = new KafkaVotePipeline(() -> admin, "ballots", List.of("counter"), sqs, List.of(failures));
        assertThat(pipeline.drained()).isFalse();

        // when the group consumes everything and commits
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "counter",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("ballots"));
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read < 3 && System.nanoTime() < deadline) read += consumer.poll(Duration.ofMillis(200)).count();
            assertThat(read).isEqualTo(3);
            // then it is not drained until the offsets are committed
            assertThat(pipeline.drained()).isFalse();
            consumer.commitSync();
        }
        assertThat(pipeline.drained()).isTrue();

        // and a batch set aside in the on-failure queue keeps it undrained until it is dealt with
        sqs.sendMessage(b -> b.queueUrl(failures).messageBody("{\"batch\":\"set aside\"}"));
        assertThat(pipeline.drained()).isFalse();
        sqs.purgeQueue(b -> b.queueUrl(failures));
        assertThat(pipeline.drained()).isTrue();

        // and one more record makes it undrained again
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                engines.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("ballots", "p1", "v")).get();
        }
        assertThat(pipeline.drained()).isFalse();
    }
}
