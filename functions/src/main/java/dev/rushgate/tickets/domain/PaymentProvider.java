package dev.rushgate.tickets.domain;

/**
 * Charges cards and refunds charges (Stripe-like). Each call carries an idempotency key, so asking again after
 * a lost answer charges (or refunds) once. Transient failures (timeouts, 5xx) throw {@link PaymentUnavailable}
 * after the adapter's own bounded retries; a declined card is an answer, not an exception.
 */
public interface PaymentProvider {

    sealed interface Outcome {
        record Charged(String chargeId) implements Outcome {}
        record Declined(String code) implements Outcome {}
    }

    Outcome charge(String idempotencyKey, String paymentToken, long amountCents);

    /**
     * Refunds {@code amountCents} of a charge; the provider's refund id. Under one idempotency key, asking again
     * refunds once. A refusal (an unknown charge, more than was charged) is a fault to look into, not an
     * answer: it throws, and the message ends in the DLQ.
     */
    String refund(String idempotencyKey, String chargeId, long amountCents);

    /** The provider could not be reached or failed: try again later. */
    final class PaymentUnavailable extends RuntimeException {
        public PaymentUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
