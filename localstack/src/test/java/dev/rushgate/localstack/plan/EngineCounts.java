package dev.rushgate.localstack.plan;

import dev.rushgate.localstack.LocalStack;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.EnvNames;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engines themselves count, keyed as the model's fields: Redis's INFO commandstats
 * ({@code redis.commands}), the DynamoDB engine's requests per table, the messages a queue holds (sent, while its
 * consumer is stopped), the Kafka broker's end offsets, and PostgreSQL's {@code xact_commit} less the DynamoDB
 * engine's own transactions ({@code aurora.transactions}). Read from another database than the one counted, so the
 * reading is not counted.
 */
final class EngineCounts implements AutoCloseable {

    private final LocalStack stack;
    private final Meter meter;
    private final SqsClient sqs;
    private final Connection stats;

    EngineCounts(LocalStack stack, Meter meter) throws SQLException {
        this.stack = stack;
        this.meter = meter;
        this.sqs = LocalAwsClients.sqs(stack.engines().sqsEndpoint());
        String url = stack.engines().jdbcUrl();
        this.stats = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/')) + "/template1",
                stack.engines().dbUser(), stack.engines().dbPassword());
    }

    Map<String, Double> read(List<String> queues, List<String> topics) throws SQLException {
        Map<String, Double> now = new TreeMap<>();
        now.put("redis.commands", (double) meter.redisCommandsRun());
        stack.engines().dynamoRequests().forEach((key, count) -> {
            int space = key.indexOf(' ');
            if (space > 0) now.merge("dynamodb." + key.substring(space + 1) + ".requests", (double) count, Double::sum);
        });
        for (String queue : queues) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(stack.environment().get(EnvNames.queueUrl(queue)))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            now.put("sqs." + queue + ".messages", attributes.values().stream().mapToDouble(Double::parseDouble).sum());
        }
        for (String topic : topics) now.put("kafka." + topic + ".records", (double) meter.records(topic));
        try (ResultSet r = stats.createStatement().executeQuery(
                "select xact_commit from pg_stat_database where datname = 'postgres'")) {
            r.next();
            now.put("aurora.transactions", (double) (r.getLong(1) - stack.engines().dynamoStorageTransactions()));
        }
        return now;
    }

    @Override
    public void close() throws SQLException {
        sqs.close();
        stats.close();
    }
}
