package dev.rushgate.ops.domain;

import java.time.Instant;

/**
 * One message waiting in a dead-letter queue, as an operator sees it.
 *
 * @param messageId    the queue's id of the message
 * @param body         its body, cut to {@link DeadLetters#SAMPLE_BODY_CHARS} characters
 * @param receiveCount how often it was received (the failed tries, plus looks like this one)
 * @param sentAt       when it was first sent to the queue it failed in
 */
public record DeadLetter(String messageId, String body, int receiveCount, Instant sentAt) {
}
