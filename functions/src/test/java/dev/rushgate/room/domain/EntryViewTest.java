package dev.rushgate.room.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What an owner's poll shows: estimate from the observed rate, poll hint, and the token once admitted. */
class EntryViewTest {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static final Instant NOW = OPENS.plusSeconds(60);

    private static final AdmissionTokens TOKENS = new AdmissionTokens() {
        @Override public String issue(Admission a) { return a.roomId() + "|" + a.userId() + "|" + a.jti() + "|" + a.expiresAt(); }
        @Override public Optional<Admission> verify(String token, Instant now) { return Optional.empty(); }
        @Override public Map<String, Object> publicKeys() { return Map.of(); }
    };

    private static RoomState room(int rate, double observed) {
        return new RoomState(rate, 100, 100, observed, 0, NOW.minusSeconds(5), OPENS, Duration.ofMinutes(10),
                Duration.ofSeconds(60), 1_000, 0, 0, 0, 0);
    }

    private static Entry waiting(long position, long ahead) {
        return new Entry("e-1", "u-1", position, Entry.State.WAITING, OPENS, ahead, 0);
    }

    @Test
    void estimatesFromTheObservedRate_notTheConfiguredOne() {
        // 399 ahead, configured 100/s but only 40/s observed: 400 people at 40/s
        EntryView view = EntryView.of("r", new Standing(waiting(500, 399), room(100, 40.0)), NOW, TOKENS);

        assertThat(view.status()).isEqualTo(EntryView.Status.WAITING);
        assertThat(view.estimatedWaitSeconds()).isEqualTo(10);
        assertThat(view.aheadOfYou()).isEqualTo(399);
        assertThat(view.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void estimatesFromTheConfiguredRate_untilAnAdmissionWasObserved_andAddsTheTimeUntilOpening() {
        Instant before = OPENS.minusSeconds(30);
        var standing = new Standing(waiting(101, 99), room(50, 0));

        EntryView view = EntryView.of("r", standing, before, TOKENS);

        assertThat(view.estimatedWaitSeconds()).isEqualTo(30 + 2);
    }

    @Test
    void hasNoEstimate_whilePaused_andStillHintsWhenToPollAgain_wellWithinTheAbandonmentTime() {
        EntryView view = EntryView.of("r", new Standing(waiting(500, 399), room(0, 40.0)), NOW, TOKENS);

        assertThat(view.estimatedWaitSeconds()).isNull();
        assertThat(view.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void neverHintsLongerThanAThirdOfTheAbandonmentTime() {
        EntryView view = EntryView.of("r", new Standing(waiting(100_000, 99_999), room(10, 10)), NOW, TOKENS);

        assertThat(view.estimatedWaitSeconds()).isEqualTo(10_000);
        assertThat(view.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void showsNoPositionInThePreQueue_whereEveryoneIsEqual() {
        var entry = new Entry("e-1", "u-1", 0, Entry.State.WAITING, OPENS.minusSeconds(60), -1, 400);

        EntryView view = EntryView.of("r", new Standing(entry, room(100, 0)), OPENS.minusSeconds(10), TOKENS);

        assertThat(view.position()).isNull();
        assertThat(view.aheadOfYou()).isNull();
        assertThat(view.estimatedWaitSeconds()).isEqualTo(10 + 2);
    }

    @Test
    void carriesATokenUntilTheAdmissionEnds_thenShowsExpired() {
        Instant admittedAt = NOW.minusSeconds(60);
        var entry = new Entry("e-1", "u-1", 7, Entry.State.USED, admittedAt, -1, 0);

        EntryView admitted = EntryView.of("r", new Standing(entry, room(100, 0)), NOW, TOKENS);
        EntryView later = EntryView.of("r", new Standing(entry, room(100, 0)), admittedAt.plus(Duration.ofMinutes(10)), TOKENS);

        assertThat(admitted.status()).isEqualTo(EntryView.Status.ADMITTED);
        assertThat(admitted.admissionToken()).isEqualTo("r|u-1|e-1|" + admittedAt.plus(Duration.ofMinutes(10)));
        assertThat(admitted.admissionExpiresAt()).isEqualTo(admittedAt.plus(Duration.ofMinutes(10)));
        assertThat(admitted.retryAfter()).isNull();
        assertThat(later.status()).isEqualTo(EntryView.Status.EXPIRED);
        assertThat(later.admissionToken()).isNull();
    }
}
