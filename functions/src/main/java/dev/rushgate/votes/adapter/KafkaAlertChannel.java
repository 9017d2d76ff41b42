package dev.rushgate.votes.adapter;

import dev.rushgate.model.PollAlertFired;
import dev.rushgate.platform.Json;
import dev.rushgate.votes.domain.AlertChannel;
import dev.rushgate.votes.domain.FiredAlert;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Alerts to the Kafka topic {@code alerts} (a {@link PollAlertFired}, keyed by its alert id) and to a
 * Slack-compatible incoming webhook ({@code {"text": ...}} by POST; any 2xx is success).
 */
public final class KafkaAlertChannel implements AlertChannel {
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Producer<String, String>> producer;
    private final String topic;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public KafkaAlertChannel(Supplier<Producer<String, String>> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(FiredAlert alert) {
        PollAlertFired event = event(alert);
        KafkaVoteStream.KafkaSends.await(producer.get().send(new ProducerRecord<>(topic, event.alertId(),
                Json.write(event))), timeout);
    }

    @Override
    public void notify(FiredAlert alert, String question, URI webhookUrl) {
        String what = alert.optionId() == null ? "The poll" : "Option " + alert.optionId();
        String text = String.format(Locale.ROOT, "%s of \"%s\" reached %,d votes (%,d counted). [%s]", what, question,
                alert.threshold(), alert.votes(), event(alert).alertId());
        var request = HttpRequest.newBuilder(webhookUrl).timeout(WEBHOOK_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("text", text)))).build();
        // not cut short by an interrupt, for the reason KafkaSends gives: a post given up on would be sent twice
        var answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        KafkaVoteStream.KafkaSends.await(answer, WEBHOOK_TIMEOUT.plusSeconds(1));
        int status = answer.join().statusCode();
        if (status / 100 != 2) throw new IllegalStateException("webhook answered " + status);
    }

    static PollAlertFired event(FiredAlert alert) {
        return new PollAlertFired(PollAlertFired.idOf(alert.pollId(), alert.optionId(), alert.threshold()),
                alert.pollId(), alert.optionId(), alert.threshold(), alert.votes(), alert.firedAt().toEpochMilli());
    }
}
