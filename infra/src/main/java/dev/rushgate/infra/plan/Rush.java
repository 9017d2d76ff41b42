package dev.rushgate.infra.plan;

import java.util.List;

/**
 * The rush to plan for: {@code users} people arriving evenly over {@code windowSeconds}, on one feature's event.
 *
 * @param feature        {@code drops}, {@code tickets}, {@code votes}, {@code feed} or {@code room} (a room alone)
 * @param users          people who press the button (for the feed: readers who open their inbox)
 * @param windowSeconds  the window they arrive in
 * @param stock          units on sale: a drop's coupons, a show's seats (0 when the feature has none)
 * @param room           the waiting room's name when the event is behind one, else null
 * @param admitPerSecond the room's admission rate (null: the planner finds the highest that holds)
 * @param seatsPerHold   seats each ticket buyer holds
 * @param posts          feed: posts published in the window
 * @param followers      feed: followers of each post's author
 * @param searches       feed: searches in the window
 * @param ownUserPool    the stack's own Cognito user pool signs people in (no CDK context {@code jwtIssuer})
 */
public record Rush(String feature, long users, int windowSeconds, long stock, String room, Double admitPerSecond,
                   int seatsPerHold, long posts, long followers, long searches, boolean ownUserPool) {

    public static final List<String> FEATURES = List.of("drops", "tickets", "votes", "feed", "room");

    public Rush {
        if (!FEATURES.contains(feature)) {
            throw new IllegalArgumentException("--feature must be one of " + String.join(", ", FEATURES) + ": " + feature);
        }
        if (users < 1) throw new IllegalArgumentException("--users must be at least 1");
        if (windowSeconds < 1 || windowSeconds > 86_400) throw new IllegalArgumentException("--window must be 1s..24h");
        if (stock < 0) throw new IllegalArgumentException("--stock must not be negative");
        if ((feature.equals("drops") || feature.equals("tickets")) && stock < 1) {
            throw new IllegalArgumentException("--stock is needed for " + feature + " (coupons or seats on sale)");
        }
        if (admitPerSecond != null && (admitPerSecond <= 0 || admitPerSecond.isNaN())) {
            throw new IllegalArgumentException("--admit must be above 0 a second");
        }
        if (feature.equals("room") && room == null) room = "room";
        if (admitPerSecond != null && room == null) throw new IllegalArgumentException("--admit needs --room");
        if (feature.equals("feed") && room != null) {
            throw new IllegalArgumentException("the feed has no waiting room: leave out --room");
        }
        if (seatsPerHold < 1 || seatsPerHold > 10) throw new IllegalArgumentException("--seats-per-hold must be 1..10");
        if (posts < 0 || followers < 0 || searches < 0) {
            throw new IllegalArgumentException("--posts, --followers and --searches must not be negative");
        }
    }

    /** People arriving a second. */
    public double arrivalRate() {
        return (double) users / windowSeconds;
    }

    public boolean behindRoom() {
        return room != null;
    }

    /** This rush behind a room admitting {@code rate} a second. */
    public Rush admitting(double rate) {
        return new Rush(feature, users, windowSeconds, stock, room == null ? "room" : room, rate, seatsPerHold, posts,
                followers, searches, ownUserPool);
    }
}
