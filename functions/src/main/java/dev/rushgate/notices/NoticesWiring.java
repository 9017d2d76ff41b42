package dev.rushgate.notices;

import dev.rushgate.notices.adapter.DynamoNoticeStore;
import dev.rushgate.notices.adapter.SqsNoticeQueue;
import dev.rushgate.notices.adapter.WebhookChannel;
import dev.rushgate.notices.domain.DeliverNotice;
import dev.rushgate.notices.domain.ListNotices;
import dev.rushgate.notices.domain.MarkNoticesRead;
import dev.rushgate.notices.domain.NoticeChannel;
import dev.rushgate.notices.domain.NoticeQueue;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the notices use cases from configuration. Drops and ticketing hand their facts to {@link #queue()}; the
 * notices consumer stores them and sends them on to the event's own webhook and, when
 * {@code RUSHGATE_NOTIFICATION_WEBHOOK_URL} is set, the operator's.
 */
public final class NoticesWiring {
    private NoticesWiring() {}

    private static final Clock CLOCK = Clock.systemUTC();

    public static ListNotices listNotices() {
        return new ListNotices(store());
    }

    public static MarkNoticesRead markNoticesRead() {
        return new MarkNoticesRead(store(), CLOCK);
    }

    public static DeliverNotice deliverNotice() {
        List<NoticeChannel> channels = new ArrayList<>();
        channels.add(WebhookChannel.perEvent());
        Config.optional(EnvNames.NOTIFICATION_WEBHOOK_URL)
                .ifPresent(url -> channels.add(WebhookChannel.operator(URI.create(url))));
        return new DeliverNotice(store(), channels);
    }

    /** The notices queue, for the features that tell users things (and the consumer, to put a message off). */
    public static NoticeQueue queue() {
        return new SqsNoticeQueue(Clients.get().sqs(), Config.required(EnvNames.queueUrl(Rushgate.NOTICES_QUEUE)));
    }

    /** The queue when this function was given one, else nowhere (a deployment without the notices feature). */
    public static NoticeQueue queueIfDeclared() {
        return Config.optional(EnvNames.queueUrl(Rushgate.NOTICES_QUEUE)).<NoticeQueue>map(
                url -> new SqsNoticeQueue(Clients.get().sqs(), url)).orElse(NoticeQueue.NONE);
    }

    private static DynamoNoticeStore store() {
        return new DynamoNoticeStore(Clients.get().dynamo(), Config.required(EnvNames.table(Rushgate.NOTICES_TABLE)));
    }
}
