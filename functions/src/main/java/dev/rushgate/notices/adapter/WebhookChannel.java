package dev.rushgate.notices.adapter;

import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.NoticeBody;
import dev.rushgate.notices.domain.NoticeChannel;
import dev.rushgate.platform.Webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A webhook that notices are POSTed to with {@code Idempotency-Key: <notificationId>} ({@link Webhooks}); a 2xx means
 * taken, anything else (or no answer in 5 s) is {@link NoticeChannel.NotTaken}. Two kinds: {@link #perEvent()} posts to the event's own
 * {@code webhookUrl} in Slack's incoming-webhook shape {@code {"text": ...}}; {@link #operator(URI)} posts every notice
 * to one URL as its JSON plus {@code userId}, as the ticketing webhook always did.
 */
public final class WebhookChannel implements NoticeChannel {
    private final String name;
    private final Function<NoticeIssued, URI> url;
    private final Function<NoticeIssued, Object> body;

    private WebhookChannel(String name, Function<NoticeIssued, URI> url, Function<NoticeIssued, Object> body) {
        this.name = name;
        this.url = url;
        this.body = body;
    }

    /** The drop's or show's own Slack-compatible webhook, when it has one. */
    public static WebhookChannel perEvent() {
        return new WebhookChannel("event-webhook", n -> n.webhookUrl() == null ? null : URI.create(n.webhookUrl()),
                n -> Map.of("text", text(n)));
    }

    /** One URL that takes every notice as JSON (configured by the operator). */
    public static WebhookChannel operator(URI url) {
        return new WebhookChannel("operator-webhook", n -> url, WebhookChannel::json);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean wants(NoticeIssued notice) {
        return url.apply(notice) != null;
    }

    @Override
    public void send(NoticeIssued notice) {
        // Under a consumer's deadline the wait is cut to what is left; a notice not taken comes back later.
        try {
            Webhooks.post(name, url.apply(notice), notice.notificationId(), body.apply(notice));
        } catch (Webhooks.NotTaken e) {
            throw new NotTaken(e.getMessage());
        }
    }

    /** One line a person reads in a channel; no personal data but the user id the event's admin already knows. */
    static String text(NoticeIssued n) {
        return switch (n.kind()) {
            case NoticeIssued.CLAIM_CONFIRMED -> "Claim " + n.claimId() + " on drop " + n.dropId()
                    + " is confirmed for " + n.userId() + ".";
            case NoticeIssued.ORDER_CONFIRMED -> "Order " + n.orderId() + " for show " + n.showId() + " is confirmed ("
                    + n.seatIds().size() + " seats).";
            case NoticeIssued.ORDER_FAILED -> "Order " + n.orderId() + " for show " + n.showId()
                    + " failed: the payment was declined.";
            case NoticeIssued.ORDER_REFUNDED -> "Order " + n.orderId() + " for show " + n.showId() + " was refunded.";
            case NoticeIssued.SEATS_OFFERED -> "Seats " + String.join(", ", n.seatIds()) + " of show " + n.showId()
                    + " are offered to " + n.userId() + " until " + Instant.ofEpochMilli(n.expiresAt()) + ".";
            case NoticeIssued.OFFER_LAPSED -> "The offer of seats " + String.join(", ", n.seatIds()) + " of show "
                    + n.showId() + " to " + n.userId() + " lapsed.";
            default -> n.kind() + " for " + n.userId() + ".";
        };
    }

    /** The notice as the list answers it, plus {@code userId}. */
    static Map<String, Object> json(NoticeIssued n) {
        Map<String, Object> out = new LinkedHashMap<>(NoticeBody.of(n, null));
        out.put("userId", n.userId());
        return out;
    }
}
