package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;

import java.time.Duration;
import java.util.List;

/** Where features hand the facts they tell users about (the {@code notices} queue); its consumer stores and sends. */
public interface NoticeQueue {

    /** Sends them all, or throws: a caller retries (its own message, or its sweep) and ids keep it to one notice. */
    void send(List<NoticeIssued> notices);

    /**
     * Makes a received notice's message invisible for {@code delay}, so its next try comes that much later (its
     * consumer's backoff); the queue's own visibility timeout applies where a queue cannot.
     */
    default void putOff(String receiptHandle, Duration delay) {
    }

    NoticeQueue NONE = notices -> { };
}
