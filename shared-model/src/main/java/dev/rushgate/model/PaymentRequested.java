package dev.rushgate.model;

import java.util.Objects;

/** A PENDING order waits for its charge: the message on the payments queue. The consumer is idempotent by order. */
public record PaymentRequested(String orderId) {
    public PaymentRequested {
        Objects.requireNonNull(orderId, "orderId");
    }
}
