package dev.rushgate.room.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The check every gated endpoint makes, on fake tokens and a fake line. */
class CheckAdmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private final Set<String> revoked = new HashSet<>();
    private final Set<String> used = new HashSet<>();

    /** Tokens are "room|user|jti"; "bad" ones do not verify. */
    private final AdmissionTokens tokens = new AdmissionTokens() {
        @Override public String issue(Admission a) { return a.roomId() + "|" + a.userId() + "|" + a.jti(); }
        @Override public Optional<Admission> verify(String token, Instant now) {
            String[] p = token.split("\\|");
            return p.length != 3 ? Optional.empty() : Optional.of(new Admission(p[0], p[1], p[2], now.plusSeconds(60)));
        }
        @Override public Map<String, Object> publicKeys() { return Map.of(); }
    };

    private final WaitingLine line = new WaitingLine() {
        @Override public boolean define(Room room, Instant now) { return true; }
        @Override public Entering enter(String r, String u, String e, String a, Instant now) { return new Entering.UnknownRoom(); }
        @Override public Optional<Standing> poll(String r, String u, String e, Instant now) { return Optional.empty(); }
        @Override public Optional<RoomState> view(String r, Instant now) { return Optional.empty(); }
        @Override public boolean revoke(String r, String jti) { return revoked.add(jti); }
        @Override public Optional<String> revokeEntryOf(String r, String u) { return Optional.empty(); }
        @Override public RateChange changeRate(String r, RateAsk ask, Instant now) { return new RateChange.UnknownRoom(); }
        @Override public boolean use(String r, String jti, Instant now) {
            if (revoked.contains(jti)) return false;
            used.add(jti);
            return true;
        }
    };

    private final CheckAdmission check = new CheckAdmission(tokens, line, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void answersTheRoom_andRecordsTheAdmissionAsUsed() {
        assertThat(check.admittedRoom("room-1|u-1|j-1", "u-1")).contains("room-1");
        assertThat(used).containsExactly("j-1");
    }

    @Test
    void refusesAnotherUsersToken_anUnverifiableOne_andARevokedOne() {
        revoked.add("j-2");

        assertThat(check.admittedRoom("room-1|u-1|j-1", "u-2")).isEmpty();
        assertThat(check.admittedRoom("bad", "u-1")).isEmpty();
        assertThat(check.admittedRoom("room-1|u-1|j-2", "u-1")).isEmpty();
        assertThat(used).isEmpty();
    }
}
