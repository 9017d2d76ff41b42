package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;

import java.util.List;
import java.util.Set;

/**
 * The notices consumer's step for one fact: store it (once by its id), then send it to each channel that wants it and
 * has not taken it yet, recording each that does. A channel that fails throws {@link NoticeChannel.NotTaken} after
 * the others were tried, so the message comes back (put off longer each time) and only the failed ones are retried.
 */
public final class DeliverNotice {
    private final NoticeStore store;
    private final List<NoticeChannel> channels;

    public DeliverNotice(NoticeStore store, List<NoticeChannel> channels) {
        this.store = store;
        this.channels = List.copyOf(channels);
    }

    /** Answers how many channels took it on this call. */
    public int deliver(NoticeIssued notice) {
        Set<String> took = store.store(notice);
        int sent = 0;
        NoticeChannel.NotTaken failed = null;
        for (NoticeChannel channel : channels) {
            if (!channel.wants(notice) || took.contains(channel.name())) continue;
            try {
                channel.send(notice);
            } catch (NoticeChannel.NotTaken e) {
                failed = e;
                continue;
            }
            store.delivered(notice.userId(), notice.notificationId(), channel.name());
            sent++;
        }
        if (failed != null) throw failed;
        return sent;
    }
}
