package dev.rushgate.room.adapter;

import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.platform.Ids;
import dev.rushgate.room.domain.Entering;
import dev.rushgate.room.domain.Entry;
import dev.rushgate.room.domain.RateAsk;
import dev.rushgate.room.domain.RateChange;
import dev.rushgate.room.domain.Room;
import dev.rushgate.room.domain.RoomState;
import dev.rushgate.room.domain.Standing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line's rules against a real Redis. Time is an argument of every call, so admission rates, pauses
 * and abandonment are measured on a clock the test moves, not on the wall.
 */
class RedisWaitingLineIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static EmbeddedRedis redis;
    private static RedisWaitingLine line;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        line = new RedisWaitingLine(redis::async);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static String room(int rate, Duration ttl, Duration abandonAfter, Instant opensAt, int perUser, int perIp) {
        String roomId = "room-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(line.define(new Room(roomId, rate, ttl, opensAt, abandonAfter, perUser, perIp), opensAt)).isTrue();
        return roomId;
    }

    private static String room(int rate) {
        return room(rate, Duration.ofMinutes(10), Duration.ofMinutes(10), OPENS, 0, 0);
    }

    private static Standing enter(String roomId, String user, Instant now) {
        var entering = line.enter(roomId, user, Ids.timeOrdered(now.toEpochMilli()), "10.0.0.1", now);
        assertThat(entering).isInstanceOf(Entering.Placed.class);
        return ((Entering.Placed) entering).standing();
    }

    private static Entry poll(String roomId, String user, Standing standing, Instant now) {
        return line.poll(roomId, user, standing.entry().entryId(), now).orElseThrow().entry();
    }

    @Test
    void givesPositionsExactlyOneToTwentyThousand_toTwentyThousandConcurrentEntries() {
        // given a paused room, so every entry stays in the line
        String roomId = room(0);
        Instant now = OPENS.plusSeconds(1);
        Map<String, Long> positions = new ConcurrentHashMap<>();

        // when 20,000 users enter at once
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 20_000).forEach(i -> pool.submit(() ->
                    positions.put("u-" + i, enter(roomId, "u-" + i, now).entry().position())));
        }

        // then the positions are 1..20,000, each given once, and the room counts them all as waiting
        assertThat(positions).hasSize(20_000);
        assertThat(positions.values().stream().sorted().toList())
                .isEqualTo(LongStream.rangeClosed(1, 20_000).boxed().toList());
        assertThat(line.view(roomId, now).orElseThrow().waiting()).isEqualTo(20_000);
    }

    @Test
    void answersTheSameEntryAndPosition_whenTheUserEntersAgain() {
        String roomId = room(0);
        Instant now = OPENS.plusSeconds(1);
        Standing first = enter(roomId, "u-1", now);
        enter(roomId, "u-2", now);

        var again = (Entering.Placed) line.enter(roomId, "u-1", Ids.timeOrdered(now.toEpochMilli()), "10.0.0.1", now);

        assertThat(again.existing()).isTrue();
        assertThat(again.standing().entry().entryId()).isEqualTo(first.entry().entryId());
        assertThat(again.standing().entry().position()).isEqualTo(1);
        assertThat(line.view(roomId, now).orElseThrow().waiting()).isEqualTo(2);
    }

    @Test
    void admitsWithinTenPercentOfTheRate_overTenSeconds() {
        // given 3,000 people waiting in a room that admits 200 a second
        String roomId = room(200);
        for (int i = 0; i < 3_000; i++) enter(roomId, "u-" + i, OPENS);

        // when the room is looked at every 100 ms for 10 s
        for (int ms = 100; ms <= 10_000; ms += 100) line.view(roomId, OPENS.plusMillis(ms));

        // then about 2,000 were admitted, in order
        RoomState state = line.view(roomId, OPENS.plusSeconds(10)).orElseThrow();
        assertThat(state.admitted()).isBetween(1_800L, 2_200L);
        assertThat(state.servingUpTo()).isEqualTo(state.admitted());
        assertThat(state.waiting()).isEqualTo(3_000 - state.admitted());
        assertThat(state.observedRate()).isBetween(180.0, 220.0);
    }

    @Test
    void keepsEveryAdmission_whenTheRateChanges_andAdmitsNobodyWhilePaused() {
        String roomId = room(10);
        for (int i = 0; i < 100; i++) enter(roomId, "u-" + i, OPENS);
        assertThat(line.view(roomId, OPENS.plusSeconds(2)).orElseThrow().admitted()).isEqualTo(20);

        // paused at 2 s: nothing more for a minute, and nothing taken back
        line.define(new Room(roomId, 0, Duration.ofMinutes(10), OPENS, Duration.ofMinutes(10), 0, 0), OPENS.plusSeconds(2));
        assertThat(line.view(roomId, OPENS.plusSeconds(62)).orElseThrow().admitted()).isEqualTo(20);

        // resumed at 62 s at 5 a second: the pause earned no credit
        line.define(new Room(roomId, 5, Duration.ofMinutes(10), OPENS, Duration.ofMinutes(10), 0, 0), OPENS.plusSeconds(62));
        assertThat(line.view(roomId, OPENS.plusSeconds(64)).orElseThrow().admitted()).isEqualTo(30);
    }

    @Test
    void doesNotBankAdmissions_whileNobodyWaits() {
        String roomId = room(100);
        line.view(roomId, OPENS.plusSeconds(60));

        for (int i = 0; i < 1_000; i++) enter(roomId, "u-" + i, OPENS.plusSeconds(60));

        assertThat(line.view(roomId, OPENS.plusSeconds(61)).orElseThrow().admitted()).isBetween(99L, 101L);
    }

    @Test
    void givesTheirPlacesToTheNextInLine_whenOwnersStopPolling() {
        // given ten entries in a paused room; the first five never poll again, the last five poll every second
        String roomId = room(0, Duration.ofMinutes(10), Duration.ofSeconds(5), OPENS, 0, 0);
        List<Standing> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) entries.add(enter(roomId, "u-" + i, OPENS));
        for (int s = 1; s <= 6; s++) {
            for (int i = 5; i < 10; i++) poll(roomId, "u-" + i, entries.get(i), OPENS.plusSeconds(s));
        }

        // when the room resumes at one a second, for three seconds
        line.define(new Room(roomId, 1, Duration.ofMinutes(10), OPENS, Duration.ofSeconds(5), 0, 0), OPENS.plusSeconds(6));
        for (int s = 7; s <= 9; s++) {
            for (int i = 5; i < 10; i++) poll(roomId, "u-" + i, entries.get(i), OPENS.plusSeconds(s));
        }

        // then the three admitted are the first three who kept polling; the silent five expired
        Instant end = OPENS.plusSeconds(9);
        assertThat(IntStream.range(0, 10).mapToObj(i -> poll(roomId, "u-" + i, entries.get(i), end).state()).toList())
                .containsExactly(Entry.State.EXPIRED, Entry.State.EXPIRED, Entry.State.EXPIRED, Entry.State.EXPIRED,
                        Entry.State.EXPIRED, Entry.State.ADMITTED, Entry.State.ADMITTED, Entry.State.ADMITTED,
                        Entry.State.WAITING, Entry.State.WAITING);
        assertThat(poll(roomId, "u-8", entries.get(8), end).aheadOfYou()).isZero();
        RoomState state = line.view(roomId, end).orElseThrow();
        assertThat(state.abandoned()).isEqualTo(5);
        assertThat(state.admitted()).isEqualTo(3);
    }

    @Test
    void countsOnlyLiveEntriesAhead_asOwnersAbandonAndOthersAreAdmitted() {
        // given twelve entries in a paused room; every third owner goes silent, the rest poll every second
        String roomId = room(0, Duration.ofMinutes(10), Duration.ofSeconds(5), OPENS, 0, 0);
        List<Standing> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) entries.add(enter(roomId, "u-" + i, OPENS));
        Set<Integer> silent = Set.of(0, 3, 6, 9);
        for (int s = 1; s <= 7; s++) {
            for (int i = 0; i < 12; i++) {
                if (!silent.contains(i)) poll(roomId, "u-" + i, entries.get(i), OPENS.plusSeconds(s));
            }
        }
        assertAheadIsRankInQueue(roomId, entries, OPENS.plusSeconds(7));

        // when the room admits one a second for three seconds
        line.define(new Room(roomId, 1, Duration.ofMinutes(10), OPENS, Duration.ofSeconds(5), 0, 0), OPENS.plusSeconds(7));
        for (int s = 8; s <= 10; s++) {
            for (int i = 0; i < 12; i++) {
                if (!silent.contains(i)) poll(roomId, "u-" + i, entries.get(i), OPENS.plusSeconds(s));
            }
        }

        // then each waiting owner is told exactly how many live entries are ahead of them, before and after
        assertAheadIsRankInQueue(roomId, entries, OPENS.plusSeconds(10));
        assertThat(poll(roomId, "u-5", entries.get(5), OPENS.plusSeconds(10)).aheadOfYou()).isZero();
        assertThat(line.view(roomId, OPENS.plusSeconds(10)).orElseThrow().abandoned()).isEqualTo(4);
    }

    @Test
    void answersFromEntriesStoredBeforeLastSeenAndHolesWereKept() {
        // given a room as an earlier version stored it: no holes count, entries without a last-seen time
        String roomId = room(0, Duration.ofMinutes(10), Duration.ofSeconds(5), OPENS, 0, 0);
        List<Standing> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) entries.add(enter(roomId, "u|" + i, OPENS));
        redis.sync().hdel(RedisWaitingLine.key(roomId, "meta"), "holes");
        String stored = RedisWaitingLine.key(roomId, "entries");
        redis.sync().hgetall(stored).forEach((id, value) ->
                redis.sync().hset(stored, id, value.substring(0, value.lastIndexOf('|'))));

        // when the second owner stops polling and the others go on
        for (int s = 1; s <= 6; s++) {
            for (int i : List.of(0, 2, 3)) poll(roomId, "u|" + i, entries.get(i), OPENS.plusSeconds(s));
        }

        // then the silent one is gone, and the rest stand where they should, their owners' ids intact
        assertThat(poll(roomId, "u|1", entries.get(1), OPENS.plusSeconds(6)).state()).isEqualTo(Entry.State.EXPIRED);
        assertThat(poll(roomId, "u|3", entries.get(3), OPENS.plusSeconds(6)).aheadOfYou()).isEqualTo(2);
        assertThat(poll(roomId, "u|3", entries.get(3), OPENS.plusSeconds(6)).userId()).isEqualTo("u|3");
        assertThat(lastSeen(roomId, entries.get(3).entry().entryId())).isEqualTo(OPENS.plusSeconds(6).toEpochMilli());
    }

    /** Every waiting entry's aheadOfYou is its rank in the queue: the live entries before it. */
    private static void assertAheadIsRankInQueue(String roomId, List<Standing> entries, Instant now) {
        String queue = RedisWaitingLine.key(roomId, "queue");
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = poll(roomId, "u-" + i, entries.get(i), now);
            Long rank = redis.sync().zrank(queue, entry.entryId());
            assertThat(entry.aheadOfYou()).as("u-%d", i).isEqualTo(entry.state() == Entry.State.WAITING ? rank : -1L);
        }
    }

    /** The owner's last poll as the entry keeps it. */
    private static long lastSeen(String roomId, String entryId) {
        String value = redis.sync().hget(RedisWaitingLine.key(roomId, "entries"), entryId);
        return Long.parseLong(value.substring(value.lastIndexOf('|') + 1));
    }

    @Test
    void expiresUnusedAdmissions_andGivesTheirPlacesToTheNextInLine_butKeepsUsedOnes() {
        // given one admission a second, each good for 2 s
        String roomId = room(1, Duration.ofSeconds(2), Duration.ofMinutes(10), OPENS, 0, 0);
        List<Standing> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) entries.add(enter(roomId, "u-" + i, OPENS));
        line.view(roomId, OPENS.plusSeconds(1));
        assertThat(line.view(roomId, OPENS.plusSeconds(2)).orElseThrow().admitted()).isEqualTo(2);

        // when the second admitted uses its admission and the first does not
        assertThat(line.use(roomId, entries.get(1).entry().entryId(), OPENS.plusMillis(2_500))).isTrue();
        RoomState state = line.view(roomId, OPENS.plusMillis(3_500)).orElseThrow();

        // then the first expired and its place went to the next in line, on top of the rate
        assertThat(poll(roomId, "u-0", entries.get(0), OPENS.plusMillis(3_500)).state()).isEqualTo(Entry.State.EXPIRED);
        assertThat(poll(roomId, "u-1", entries.get(1), OPENS.plusMillis(3_500)).state()).isEqualTo(Entry.State.USED);
        assertThat(state.expired()).isEqualTo(1);
        assertThat(state.admitted()).isEqualTo(4);
    }

    @Test
    void shufflesThePreQueueAtOpening_andPutsEveryoneInItAheadOfLaterArrivals() {
        String roomId = room(0);
        Map<String, Standing> early = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Standing s = enter(roomId, "early-" + i, OPENS.minusSeconds(60).plusMillis(i));
            assertThat(s.entry().position()).isZero();
            early.put("early-" + i, s);
        }

        Standing late = enter(roomId, "late", OPENS.plusSeconds(1));

        List<Long> positions = IntStream.range(0, 200)
                .mapToObj(i -> poll(roomId, "early-" + i, early.get("early-" + i), OPENS.plusSeconds(2)).position())
                .toList();
        assertThat(positions.stream().sorted().toList()).isEqualTo(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(positions).isNotEqualTo(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(late.entry().position()).isEqualTo(201);
    }

    @Test
    void refusesEntriesOverThePerUserAndPerAddressLimits_andCountsThem() {
        String roomId = room(0, Duration.ofMinutes(10), Duration.ofMinutes(10), OPENS, 2, 3);
        Instant now = OPENS.plusSeconds(1);

        var tries = IntStream.range(0, 3).mapToObj(i ->
                line.enter(roomId, "u-1", Ids.timeOrdered(1), "10.0.0.1", now)).toList();
        line.enter(roomId, "u-2", Ids.timeOrdered(1), "10.0.0.1", now);
        var fromSameAddress = line.enter(roomId, "u-3", Ids.timeOrdered(1), "10.0.0.1", now);
        var elsewhere = line.enter(roomId, "u-4", Ids.timeOrdered(1), "10.0.0.2", now);
        var nextMinute = line.enter(roomId, "u-1", Ids.timeOrdered(1), "10.0.0.9", now.plusSeconds(60));

        assertThat(tries.get(0)).isInstanceOf(Entering.Placed.class);
        assertThat(tries.get(1)).isInstanceOf(Entering.Placed.class);
        assertThat(tries.get(2)).isInstanceOfSatisfying(Entering.RateLimited.class,
                r -> assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(fromSameAddress).isInstanceOf(Entering.RateLimited.class);
        assertThat(elsewhere).isInstanceOf(Entering.Placed.class);
        assertThat(nextMinute).isInstanceOf(Entering.Placed.class);
        RoomState state = line.view(roomId, now).orElseThrow();
        assertThat(state.refusedUser()).isEqualTo(1);
        assertThat(state.refusedIp()).isEqualTo(1);
    }

    @Test
    void showsAnEntryToItsOwnerOnly_andRefusesRevokedAdmissions() {
        String roomId = room(0);
        Standing mine = enter(roomId, "u-1", OPENS);

        assertThat(line.poll(roomId, "u-2", mine.entry().entryId(), OPENS)).isEmpty();
        assertThat(line.poll(roomId, "u-1", "0".repeat(32), OPENS)).isEmpty();
        assertThat(line.poll("no-such-room", "u-1", mine.entry().entryId(), OPENS)).isEmpty();
        assertThat(line.revoke(roomId, mine.entry().entryId())).isTrue();
        assertThat(line.use(roomId, mine.entry().entryId(), OPENS)).isFalse();
        assertThat(line.revoke("no-such-room", mine.entry().entryId())).isFalse();
    }

    @Test
    void aPauseCountsTheTimeBeforeItAtTheOldRate_admitsNobodyAfter_andResumeRestoresTheRate() {
        // given a room admitting 10 a second with 30 in line
        String roomId = room(10);
        List<Standing> line30 = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) line30.add(enter(roomId, "u-" + i, OPENS));

        // when it is paused 1 s after opening, and looked at 5 s later
        var paused = line.changeRate(roomId, new RateAsk.Pause(), OPENS.plusSeconds(1));
        RoomState whilePaused = line.view(roomId, OPENS.plusSeconds(6)).orElseThrow();

        // then the second before the pause admitted 10, and the five after it none
        assertThat(paused).isEqualTo(new RateChange.Changed(10, 0));
        assertThat(whilePaused.admitted()).isEqualTo(10);
        assertThat(whilePaused.admitPerSecond()).isZero();
        assertThat(line.changeRate(roomId, new RateAsk.Pause(), OPENS.plusSeconds(6)))
                .isEqualTo(new RateChange.Changed(0, 0));

        // when it is resumed, then it admits at 10 a second again, from the resume on
        assertThat(line.changeRate(roomId, new RateAsk.Resume(), OPENS.plusSeconds(6)))
                .isEqualTo(new RateChange.Changed(0, 10));
        assertThat(line.view(roomId, OPENS.plusSeconds(7)).orElseThrow().admitted()).isEqualTo(20);
        assertThat(line.changeRate(roomId, new RateAsk.Resume(), OPENS.plusSeconds(7)))
                .isEqualTo(new RateChange.NotPaused(10));

        // and a new rate applies from when it is set
        assertThat(line.changeRate(roomId, new RateAsk.SetTo(5), OPENS.plusSeconds(7)))
                .isEqualTo(new RateChange.Changed(10, 5));
        assertThat(line.view(roomId, OPENS.plusSeconds(8)).orElseThrow().admitted()).isEqualTo(25);
        assertThat(poll(roomId, "u-0", line30.get(0), OPENS.plusSeconds(8)).state()).isEqualTo(Entry.State.ADMITTED);
    }

    @Test
    void resumesOnlyARoomPausedFromARate_andKnowsNoUnknownRoom() {
        String roomId = room(0);

        assertThat(line.changeRate(roomId, new RateAsk.Resume(), OPENS)).isEqualTo(new RateChange.NothingToResume());
        assertThat(line.changeRate("no-such-room", new RateAsk.Pause(), OPENS)).isEqualTo(new RateChange.UnknownRoom());
    }

    @Test
    void revokesTheAdmissionOfAUsersEntry_byTheUser() {
        String roomId = room(0);
        Standing mine = enter(roomId, "u-1", OPENS);

        assertThat(line.revokeEntryOf(roomId, "u-1")).contains(mine.entry().entryId());
        assertThat(line.use(roomId, mine.entry().entryId(), OPENS)).isFalse();
        assertThat(line.revokeEntryOf(roomId, "u-2")).isEmpty();
        assertThat(line.revokeEntryOf("no-such-room", "u-1")).isEmpty();
    }

    @Test
    void answersEachPollOfABatch_exactlyAsThePollsOneAfterTheOtherWould() {
        // given twin rooms admitting 20 a second (one per 50 ms tick), each with the same six entries
        Duration abandonAfter = Duration.ofSeconds(5);
        String alone = room(20, Duration.ofMinutes(10), abandonAfter, OPENS, 0, 0);
        String batched = room(20, Duration.ofMinutes(10), abandonAfter, OPENS, 0, 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = Ids.timeOrdered(OPENS.toEpochMilli());
            ids.add(id);
            for (String roomId : List.of(alone, batched)) line.enter(roomId, "u-" + i, id, "10.0.0.1", OPENS);
        }
        // polls 100 ms after opening, across two ticks: own entries, someone else's, and one that does not exist
        Instant t = OPENS.plusMillis(100);
        List<RedisWaitingLine.Poll> polls = List.of(
                new RedisWaitingLine.Poll("u-0", ids.get(0), t),
                new RedisWaitingLine.Poll("u-2", ids.get(2), t),
                new RedisWaitingLine.Poll("u-3", ids.get(4), t.plusMillis(10)),
                new RedisWaitingLine.Poll("u-5", "0".repeat(32), t.plusMillis(20)),
                new RedisWaitingLine.Poll("u-2", ids.get(2), t.plusMillis(60)),
                new RedisWaitingLine.Poll("u-4", ids.get(4), t.plusMillis(70)));

        // when one room is polled one poll at a time and its twin in one batch
        List<Optional<Standing>> oneByOne = polls.stream()
                .map(p -> line.poll(alone, p.userId(), p.entryId(), p.now())).toList();
        List<Optional<Standing>> together = line.pollTogether(batched, polls);

        // then every caller of the batch got what the lone poll got: admitted as the ticks pass, nothing for
        // someone else's entry or an unknown one
        assertThat(together).isEqualTo(oneByOne);
        assertThat(together.get(0)).hasValueSatisfying(s -> assertThat(s.entry().state()).isEqualTo(Entry.State.ADMITTED));
        assertThat(together.get(1)).hasValueSatisfying(s -> {
            assertThat(s.entry().entryId()).isEqualTo(ids.get(2));
            assertThat(s.entry().state()).isEqualTo(Entry.State.WAITING);
            assertThat(s.entry().aheadOfYou()).isZero();
        });
        assertThat(together.get(2)).isEmpty();
        assertThat(together.get(3)).isEmpty();
        assertThat(together.get(4)).hasValueSatisfying(s -> assertThat(s.entry().state()).isEqualTo(Entry.State.ADMITTED));
        assertThat(together.get(5)).hasValueSatisfying(s -> {
            assertThat(s.entry().userId()).isEqualTo("u-4");
            assertThat(s.entry().position()).isEqualTo(5);
            assertThat(s.entry().aheadOfYou()).isEqualTo(1);
        });
        // and each owner's own poll, not someone else's, told the line they are still there
        assertThat(lastSeen(batched, ids.get(4))).isEqualTo(t.plusMillis(70).toEpochMilli());
        assertThat(lastSeen(batched, ids.get(3))).isEqualTo(OPENS.toEpochMilli());
        assertThat(line.view(batched, t.plusSeconds(1))).isEqualTo(line.view(alone, t.plusSeconds(1)));
    }

    @Test
    void answersPollsOfABatchAcrossTheOpening_eachWithTheRoomAsItWasAtItsTime() {
        // given three people in the pre-queue of a paused room
        String roomId = room(0);
        List<Standing> early = new ArrayList<>();
        for (int i = 0; i < 3; i++) early.add(enter(roomId, "u-" + i, OPENS.minusSeconds(60)));

        // when one batch holds a poll from just before the opening and two from just after
        List<Optional<Standing>> answers = line.pollTogether(roomId, List.of(
                new RedisWaitingLine.Poll("u-0", early.get(0).entry().entryId(), OPENS.minusMillis(10)),
                new RedisWaitingLine.Poll("u-1", early.get(1).entry().entryId(), OPENS.plusMillis(10)),
                new RedisWaitingLine.Poll("u-2", early.get(2).entry().entryId(), OPENS.plusMillis(20))));

        // then the first still saw the pre-queue, the others the shuffled line, and the room as it was then
        Standing before = answers.get(0).orElseThrow();
        assertThat(before.entry().position()).isZero();
        assertThat(before.entry().preQueued()).isEqualTo(3);
        assertThat(before.room().waiting()).isEqualTo(3);
        for (Standing after : List.of(answers.get(1).orElseThrow(), answers.get(2).orElseThrow())) {
            assertThat(after.entry().position()).isBetween(1L, 3L);
            assertThat(after.entry().aheadOfYou()).isEqualTo(after.entry().position() - 1);
            assertThat(after.entry().preQueued()).isZero();
            assertThat(after.room().waiting()).isEqualTo(3);
        }
        assertThat(answers.get(1).orElseThrow().entry().position())
                .isNotEqualTo(answers.get(2).orElseThrow().entry().position());
    }

    @Test
    void answersNothingToEveryPollOfABatch_inARoomThatDoesNotExist() {
        var polls = List.of(new RedisWaitingLine.Poll("u-1", "0".repeat(32), OPENS),
                new RedisWaitingLine.Poll("u-2", "1".repeat(32), OPENS));

        assertThat(line.pollTogether("no-such-room", polls)).containsExactly(Optional.empty(), Optional.empty());
    }

    @Test
    void answersEveryOwnerTheirOwnEntry_inFewerCallsThanPolls_whenManyPollAtOnce() {
        // given 500 people waiting in a paused room, and a line that counts its calls to Redis
        String roomId = room(0);
        Map<String, Standing> entries = new HashMap<>();
        for (int i = 0; i < 500; i++) entries.put("u-" + i, enter(roomId, "u-" + i, OPENS));
        AtomicInteger calls = new AtomicInteger();
        var counted = new RedisWaitingLine(() -> {
            calls.incrementAndGet();
            return redis.async();
        });
        Map<String, Optional<Standing>> own = new ConcurrentHashMap<>();
        Map<String, Optional<Standing>> foreign = new ConcurrentHashMap<>();

        // when each polls their own entry ten times and someone else's once, all at once
        Instant now = OPENS.plusSeconds(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 500; i++) {
                    String user = "u-" + i;
                    pool.submit(() -> own.merge(user, counted.poll(roomId, user, entries.get(user).entry().entryId(), now),
                            (a, b) -> a.equals(b) ? a : Optional.empty()));
                }
            }
            for (int i = 0; i < 500; i++) {
                String user = "u-" + i;
                String other = "u-" + (i + 1) % 500;
                pool.submit(() -> foreign.put(user, counted.poll(roomId, user, entries.get(other).entry().entryId(), now)));
            }
        }

        // then each owner always saw their own entry where they stand, strangers saw nothing
        assertThat(own).hasSize(500);
        own.forEach((user, standing) -> assertThat(standing).hasValueSatisfying(s -> {
            assertThat(s.entry().userId()).isEqualTo(user);
            assertThat(s.entry().entryId()).isEqualTo(entries.get(user).entry().entryId());
            assertThat(s.entry().aheadOfYou()).isEqualTo(s.entry().position() - 1);
        }));
        assertThat(foreign).hasSize(500).allSatisfy((user, standing) -> assertThat(standing).isEmpty());
        // and polls that arrived while another was in flight went together
        assertThat(calls.get()).isLessThan(5_500);
    }
}
