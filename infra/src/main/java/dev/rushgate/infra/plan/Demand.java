package dev.rushgate.infra.plan;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rushgate.wiring.Rushgate;

/**
 * How often each unit of {@code plan/calls.json} happens in each second of a rush: the user journey of the feature,
 * behind the waiting room when the rush has one.
 *
 * <p>Journeys: a drop's claimant claims once and, if accepted, reads the claim once it is stored; a voter votes once and reads the
 * tally once; a ticket buyer holds {@link Rush#seatsPerHold()} seats, pays and reads the order once; a stored claim and
 * a charged order (paid or failed) each issue one notice, which deliver-notices stores; a feed reader
 * opens the inbox once, and each post is inspected, fanned out to its author's followers (unless the author is loud)
 * and indexed. Behind a room, each person enters once, polls as {@code EntryView} advises (every quarter of the
 * estimated wait, between 1 s and the ceiling) and, once admitted, takes the admission once; the event sees the
 * admitted rate instead of the arrival rate. Sold-out claims are refused by the cache the first time in each
 * environment, then by the environment for {@code redis.refusal-memory-s}.
 */
public final class Demand {
    private final int seconds;
    private final Map<String, double[]> rates = new LinkedHashMap<>();

    private Demand(int seconds) {
        this.seconds = seconds;
    }

    public int seconds() {
        return seconds;
    }

    /** Units a second of {@code unit} in each second; zeros when the journey never uses it. */
    public double[] rate(String unit) {
        return rates.getOrDefault(unit, new double[seconds]);
    }

    public Map<String, double[]> rates() {
        return rates;
    }

    /** How many of {@code unit} in the whole rush. */
    public double total(String unit) {
        double sum = 0;
        for (double r : rate(unit)) sum += r;
        return sum;
    }

    private void add(String unit, int t, double amount) {
        if (amount <= 0) return;
        rates.computeIfAbsent(unit, u -> new double[seconds])[t] += amount;
    }

    /** Followers on one fan-out page (FanOutPost's page size). */
    static final double FOLLOWERS_A_PAGE = 1_000;

    /** Longest rush the planner follows: beyond it the room's admissions are cut off. */
    static final int LONGEST = 6 * 3_600;

    public static Demand of(Rush rush, Catalog catalog) {
        double arrivals = rush.arrivalRate();
        Double admit = rush.behindRoom() ? rush.admitPerSecond() : null;
        int seconds = rush.windowSeconds();
        if (admit != null) seconds = (int) Math.min(LONGEST, Math.max(seconds, Math.ceil(rush.users() / admit) + 1));
        Demand demand = new Demand(seconds);
        double apiSeconds = catalog.assume("lambda.api-ms") / 1000;
        double memory = catalog.assume("redis.refusal-memory-s");
        double pollCeiling = catalog.assume("room.poll-ceiling-s");
        double queue = 0;
        double stockLeft = rush.feature().equals("tickets") ? Math.floor((double) rush.stock() / rush.seatsPerHold())
                : rush.stock();
        for (int t = 0; t < seconds; t++) {
            double arriving = t < rush.windowSeconds() ? arrivals : 0;
            double served = arriving;
            if (rush.behindRoom()) {
                demand.add("enter-room/entered", t, arriving);
                queue += arriving;
                double admitted = admit == null ? queue : Math.min(admit, queue);
                queue -= admitted;
                demand.add("get-entry/admitted", t, admitted);
                if (admit != null) demand.add("get-entry/waiting", t, polls(queue, admit, pollCeiling));
                served = admitted;
            }
            switch (rush.feature()) {
                case "drops" -> {
                    double accepted = Math.min(served, stockLeft);
                    stockLeft -= accepted;
                    double refused = served - accepted;
                    // Once an environment has been refused by the cache, it answers the drop's next claims itself
                    // for a memory period: the cache sees about one claim per environment per period
                    double byCache = Math.min(refused, Math.max(1, served * apiSeconds) / memory);
                    demand.add("claim-drop/accepted", t, accepted);
                    demand.add("claim-drop/sold-out", t, byCache);
                    demand.add("claim-drop/remembered", t, refused - byCache);
                    demand.add("get-claim/confirmed", t, accepted);
                    demand.add("store-claims/message", t, accepted);
                    demand.add("deliver-notices/notice", t, accepted);
                }
                case "tickets" -> {
                    double held = Math.min(served, stockLeft);
                    stockLeft -= held;
                    demand.add("hold-seats/held", t, held);
                    demand.add("hold-seats/refused", t, served - held);
                    demand.add("pay-hold", t, held);
                    demand.add("charge-payments/message", t, held);
                    demand.add("deliver-notices/notice", t, held);
                    demand.add("get-order", t, held);
                }
                case "votes" -> {
                    demand.add("cast-vote/accepted", t, served);
                    demand.add("count-votes/record", t, served);
                    demand.add("get-tally", t, served);
                }
                case "feed" -> {
                    double posting = t < rush.windowSeconds() ? (double) rush.posts() / rush.windowSeconds() : 0;
                    boolean loud = rush.followers() >= Rushgate.DEFAULT_LOUD_AUTHOR_FOLLOWERS;
                    demand.add("read-inbox", t, served);
                    demand.add("publish-post", t, posting);
                    demand.add("inspect-posts/post", t, posting);
                    demand.add("fan-out-posts/post", t, posting);
                    if (!loud && rush.followers() > 0) {
                        demand.add("write-inboxes/page", t, posting * Math.ceil(rush.followers() / FOLLOWERS_A_PAGE));
                        demand.add("write-inboxes/follower", t, posting * rush.followers());
                    }
                    demand.add("index-posts/post", t, posting);
                    if (t < rush.windowSeconds()) {
                        demand.add("search-posts", t, (double) rush.searches() / rush.windowSeconds());
                    }
                }
                default -> { } // a room alone: its own units only
            }
        }
        return demand;
    }

    /**
     * Polls a second from {@code waiting} people in line when {@code admit} are let in a second: the one at
     * position p waits p/admit seconds and polls every max(1, min(wait/4, ceiling)) seconds.
     */
    static double polls(double waiting, double admit, double ceiling) {
        if (waiting <= 0) return 0;
        double everySecond = 4 * admit;             // positions that poll every second
        double slowest = 4 * admit * ceiling;       // positions from which the ceiling applies
        double sum = Math.min(waiting, everySecond);
        if (waiting > everySecond) sum += everySecond * Math.log(Math.min(waiting, slowest) / everySecond);
        if (waiting > slowest) sum += (waiting - slowest) / ceiling;
        return sum;
    }
}
