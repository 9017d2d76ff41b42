package dev.rushgate.tickets.domain;

/** Where PENDING orders wait for the payment consumer (SQS, with a DLQ). */
public interface PaymentQueue {
    void send(String orderId);
}
