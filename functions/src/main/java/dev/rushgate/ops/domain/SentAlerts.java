package dev.rushgate.ops.domain;

/**
 * Which alerts were posted, so that none is posted twice: a copy that arrives again (SQS delivers at least once, an
 * outbox resends after a crash, an alarm's SNS copy is redriven) finds its mark. A short lease keeps two copies handled
 * at the same moment from both posting.
 */
public interface SentAlerts {

    enum Begin {
        /** Nobody has posted it or is posting it: the caller may, and must then call {@link #sent} or {@link #failed}. */
        BEGUN,
        /** It was posted. */
        ALREADY_SENT,
        /** Another consumer is posting it right now. */
        BUSY
    }

    Begin begin(String alertId);

    void sent(String alertId);

    /** The post failed: the next copy may try again at once. */
    void failed(String alertId);
}
