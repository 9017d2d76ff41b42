package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.AdminAlert;
import dev.rushgate.ops.domain.AdminChannel;
import dev.rushgate.platform.Webhooks;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operators' Slack-compatible incoming webhook: {@code POST {"text": ...}} with {@code Idempotency-Key: <alert id>}
 * (Slack ignores it; a receiver of our own can drop a repeat by it), through {@link Webhooks}: a 2xx within 5 s is
 * taken; anything else is {@link NotTaken}.
 */
public final class WebhookAdminChannel implements AdminChannel {
    private final Supplier<Optional<URI>> url;

    /** @param url where to post, read when first needed (in the cloud it sits in a secret an operator may change) */
    public WebhookAdminChannel(Supplier<Optional<URI>> url) {
        this.url = url;
    }

    @Override
    public boolean configured() {
        return url.get().isPresent();
    }

    @Override
    public void send(AdminAlert alert) {
        URI to = url.get().orElseThrow(() -> new NotTaken("no admin webhook is configured"));
        try {
            Webhooks.post("admin webhook", to, alert.id(), Map.of("text", alert.text()));
        } catch (Webhooks.NotTaken e) {
            throw new NotTaken(e.getMessage());
        }
    }
}
