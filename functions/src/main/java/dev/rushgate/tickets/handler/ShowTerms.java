package dev.rushgate.tickets.handler;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.tickets.domain.Section;
import dev.rushgate.tickets.domain.Show;

import java.time.Instant;
import java.util.List;

/** The body of {@code PUT /v1/admin/shows/{showId}}; boxed numbers so that a missing one is an error or a default. */
record ShowTerms(String name, Instant startsAt, String roomId, Integer holdSeconds, Integer maxSeatsPerUser,
                 Integer offerSeconds, List<SectionTerms> sections, String webhookUrl, String ownerId) {

    record SectionTerms(String id, Integer rows, Integer seatsPerRow, Long priceCents) {
        Section toSection() {
            if (rows == null || seatsPerRow == null || priceCents == null) {
                throw new BadInput("invalid-field", "sections[] need id, rows, seatsPerRow and priceCents");
            }
            return new Section(id, rows, seatsPerRow, priceCents);
        }
    }

    Show toShow(String showId) {
        if (sections == null) throw new BadInput("invalid-field", "sections is required");
        int hold = holdSeconds == null ? 300 : holdSeconds;
        return new Show(showId, name, startsAt, roomId, hold, maxSeatsPerUser == null ? 4 : maxSeatsPerUser,
                offerSeconds == null ? hold : offerSeconds,
                sections.stream().map(s -> {
                    if (s == null) throw new BadInput("invalid-field", "sections[] must be objects");
                    return s.toSection();
                }).toList(), webhookUrl, ownerId);
    }
}
