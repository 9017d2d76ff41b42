package dev.rushgate.model;

import java.util.List;

/**
 * A fact one user is told about, on its way through the {@code notices} queue to the notices store and any webhook.
 * Its {@code notificationId} is made from the fact ({@code claim-<claimId>-confirmed}, {@code order-<orderId>-failed},
 * {@code hold-<holdId>-offered}), so the same fact sent twice (a redelivery, a resend by a sweeper) is stored once
 * and a webhook is asked with the same {@code Idempotency-Key}.
 *
 * @param kind       what happened: {@code CLAIM_CONFIRMED}, {@code ORDER_CONFIRMED}, {@code ORDER_FAILED},
 *                   {@code ORDER_REFUNDED}, {@code SEATS_OFFERED}, {@code OFFER_LAPSED}
 * @param dropId     the drop, for a claim; else null
 * @param showId     the show, for the ticketing kinds; else null
 * @param seatIds    the seats concerned; empty for a claim
 * @param expiresAt  epoch ms until which an offer is held; else null
 * @param createdAt  epoch ms of the fact
 * @param webhookUrl the event's own Slack-compatible webhook ({@code {"text": ...}}), or null
 */
public record NoticeIssued(String notificationId, String userId, String kind, String dropId, String claimId,
                           String showId, String holdId, String orderId, List<String> seatIds, Long amountCents,
                           Long expiresAt, long createdAt, String webhookUrl) {

    public static final String CLAIM_CONFIRMED = "CLAIM_CONFIRMED";
    public static final String ORDER_CONFIRMED = "ORDER_CONFIRMED";
    public static final String ORDER_FAILED = "ORDER_FAILED";
    public static final String ORDER_REFUNDED = "ORDER_REFUNDED";
    public static final String SEATS_OFFERED = "SEATS_OFFERED";
    public static final String OFFER_LAPSED = "OFFER_LAPSED";
    private static final List<String> KINDS =
            List.of(CLAIM_CONFIRMED, ORDER_CONFIRMED, ORDER_FAILED, ORDER_REFUNDED, SEATS_OFFERED, OFFER_LAPSED);

    public NoticeIssued {
        if (notificationId == null || !notificationId.matches("[A-Za-z0-9._:-]{1,200}")) {
            throw new IllegalArgumentException("notificationId");
        }
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId");
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("kind");
        if (createdAt <= 0) throw new IllegalArgumentException("createdAt");
        seatIds = seatIds == null ? List.of() : List.copyOf(seatIds);
        if (webhookUrl != null && webhookUrl.isBlank()) webhookUrl = null;
    }

    /** A stored claim: the claim is durable now. */
    public static NoticeIssued claimConfirmed(ClaimAccepted claim, String webhookUrl) {
        return new NoticeIssued("claim-" + claim.claimId() + "-confirmed", claim.userId(), CLAIM_CONFIRMED,
                claim.dropId(), claim.claimId(), null, null, null, List.of(), null, null, claim.acceptedAt(),
                webhookUrl);
    }
}
