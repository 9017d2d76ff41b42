package dev.rushgate.platform;

import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the declared topics a function produces to (those whose {@code TOPIC_*} variable it has), with the
 * declared partition count, when they do not exist yet. MSK Serverless topics cannot be made by CloudFormation,
 * so the first producer after a deployment makes them; a topic that exists (or that another producer creates at
 * the same moment) is left as it is. Locally the provisioner has made them already: this is one listing.
 */
final class KafkaTopics {
    private KafkaTopics() {}

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final int TIMEOUT_SECONDS = 3;

    private static final short REPLICATION = 3;

    /** Never throws: when Kafka cannot be reached the producer is made anyway, and its sends fail on their own. */
    static void ensureDeclared(Map<String, Object> producerConfig) {
        try {
            create(producerConfig);
        } catch (RuntimeException e) {
            LOG.warn("declared topics not checked: {}", e.toString());
        }
    }

    /** Where and how to connect, out of a producer's configuration: what an admin client needs of it. */
    static Map<String, Object> connection(Map<String, Object> producerConfig) {
        Map<String, Object> config = new java.util.HashMap<>(producerConfig);
        config.keySet().retainAll(Set.of("bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "sasl.client.callback.handler.class"));
        return config;
    }

    private static void create(Map<String, Object> producerConfig) {
        List<TopicSpec> mine = Rushgate.declaration().topics().stream()
                .filter(t -> Config.optional(EnvNames.topic(t.id())).isPresent()).toList();
        if (mine.isEmpty()) return;
        Map<String, Object> config = connection(producerConfig);
        config.put("default.api.timeout.ms", TIMEOUT_SECONDS * 1_000);
        config.put("request.timeout.ms", TIMEOUT_SECONDS * 1_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // one broker (the local stack) cannot hold three replicas; MSK Serverless always has three
            short replication = (short) Math.min(REPLICATION, admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size());
            List<NewTopic> missing = mine.stream().filter(t -> !existing.contains(t.id()))
                    .map(t -> new NewTopic(t.id(), t.partitions(), replication)).toList();
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create topics", e);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list Kafka topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }
}
