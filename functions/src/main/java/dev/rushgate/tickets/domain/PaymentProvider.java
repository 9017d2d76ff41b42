package dev.rushgate.tickets.domain;

/**
 * Charges cards (Stripe-like). A charge carries an idempotency key, so asking again after a lost answer
 * charges once. Transient failures (timeouts, 5xx) throw {@link PaymentUnavailable} after the adapter's own
 * bounded retries; a refusal is an answer, not an exception.
 */
public interface PaymentProvider {

    sealed interface Outcome {
        record Charged(String chargeId) implements Outcome {}
        record Declined(String code) implements Outcome {}
    }

    Outcome charge(String idempotencyKey, String paymentToken, long amountCents);

    /** The provider could not be reached or failed: try again later. */
    final class PaymentUnavailable extends RuntimeException {
        public PaymentUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
