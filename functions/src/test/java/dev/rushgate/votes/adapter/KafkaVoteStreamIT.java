package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real producer against a Kafka that is not there: the append fails instead of hanging or pretending. */
class KafkaVoteStreamIT {

    @Test
    void appendFails_whenKafkaIsUnreachable() throws Exception {
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + deadPort,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500), new StringSerializer(), new StringSerializer())) {
            var stream = new KafkaVoteStream(() -> producer, "votes", Duration.ofSeconds(1));

            assertThatThrownBy(() -> stream.append(new VoteAccepted("p", "v", "u", "a", 1)).join())
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
