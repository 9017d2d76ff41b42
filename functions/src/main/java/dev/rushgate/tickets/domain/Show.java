package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.BadInput;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A show and its whole seat map. Terms never change once the show exists (seats may already be sold).
 *
 * @param roomId          the waiting room whose admission a hold needs, or null for none
 * @param holdSeconds     how long an unpaid hold lasts
 * @param maxSeatsPerUser the most seats one user may hold and buy together
 * @param offerSeconds    how long a waitlist offer of freed seats lasts before it goes to the next in line
 * @param webhookUrl      a Slack-compatible incoming webhook told of the show's notices (issue 20), or null
 * @param ownerId         the user who may read the show's statistics besides admins (issue 20), or null; a term like
 *                        the others, so it never changes either
 */
public record Show(String showId, String name, Instant startsAt, String roomId, int holdSeconds, int maxSeatsPerUser,
                   int offerSeconds, List<Section> sections, String webhookUrl, String ownerId) {

    /** The largest seat map one show may have. */
    public static final int MAX_SEATS = 200_000;

    public Show {
        Objects.requireNonNull(showId, "showId");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInput("invalid-field", "name is required (at most 200 characters)");
        }
        if (startsAt == null) throw new BadInput("invalid-field", "startsAt is required");
        if (roomId != null && !dev.rushgate.model.AdminId.isValid(roomId)) {
            throw new BadInput("invalid-field", "roomId must match " + dev.rushgate.model.AdminId.PATTERN.pattern());
        }
        if (webhookUrl != null && !dev.rushgate.model.WebhookUrl.isValid(webhookUrl)) {
            throw new BadInput("invalid-field", "webhookUrl must be an absolute http(s) URL");
        }
        if (ownerId != null && !dev.rushgate.model.UserId.isValid(ownerId)) {
            throw new BadInput("invalid-id", "ownerId must match " + dev.rushgate.model.UserId.PATTERN.pattern());
        }
        if (holdSeconds < 1 || holdSeconds > 3_600) throw new BadInput("invalid-field", "holdSeconds must be 1 to 3600");
        if (offerSeconds < 1 || offerSeconds > 86_400) {
            throw new BadInput("invalid-field", "offerSeconds must be 1 to 86400");
        }
        if (maxSeatsPerUser < 1 || maxSeatsPerUser > 50) {
            throw new BadInput("invalid-field", "maxSeatsPerUser must be 1 to 50");
        }
        if (sections == null || sections.isEmpty()) throw new BadInput("invalid-field", "sections must not be empty");
        sections = List.copyOf(sections);
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (Section s : sections) {
            if (s == null) throw new BadInput("invalid-field", "sections[] must be objects");
            if (!ids.add(s.id())) throw new BadInput("invalid-field", "section " + s.id() + " appears twice");
            total += s.seats();
        }
        if (total > MAX_SEATS) throw new BadInput("invalid-field", "a show has at most " + MAX_SEATS + " seats");
    }

    /** A show without an owner. */
    public Show(String showId, String name, Instant startsAt, String roomId, int holdSeconds, int maxSeatsPerUser,
                int offerSeconds, List<Section> sections, String webhookUrl) {
        this(showId, name, startsAt, roomId, holdSeconds, maxSeatsPerUser, offerSeconds, sections, webhookUrl, null);
    }

    public int totalSeats() {
        return sections.stream().mapToInt(Section::seats).sum();
    }

    public Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every seat in map order: section by section, row by row. */
    public void forEachSeat(SeatVisitor visitor) {
        int ordinal = 0;
        for (Section s : sections) {
            for (int row = 1; row <= s.rows(); row++) {
                for (int seat = 1; seat <= s.seatsPerRow(); seat++) {
                    visitor.visit(ordinal++, s, s.seatId(row, seat));
                }
            }
        }
    }

    /** Sees one seat of the map. */
    @FunctionalInterface
    public interface SeatVisitor {
        void visit(int ordinal, Section section, String seatId);
    }

    /** Every seat id, in map order. */
    public void forEachSeatId(Consumer<String> consumer) {
        forEachSeat((ordinal, section, seatId) -> consumer.accept(seatId));
    }
}
