package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.BadInput;

import java.util.regex.Pattern;

/**
 * One priced block of a seat map: {@code rows × seatsPerRow} seats named {@code <id>-<row>-<seat>}, counted
 * from 1 ({@code A-12-7}).
 */
public record Section(String id, int rows, int seatsPerRow, long priceCents) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,16}");

    public Section {
        if (id == null || !ID.matcher(id).matches()) {
            throw new BadInput("invalid-field", "sections[].id must be 1 to 16 letters or digits");
        }
        if (rows < 1 || rows > 1_000) throw new BadInput("invalid-field", "sections[].rows must be 1 to 1000");
        if (seatsPerRow < 1 || seatsPerRow > 1_000) {
            throw new BadInput("invalid-field", "sections[].seatsPerRow must be 1 to 1000");
        }
        if (priceCents < 0 || priceCents > 100_000_000) {
            throw new BadInput("invalid-field", "sections[].priceCents must be 0 to 100000000");
        }
    }

    public int seats() {
        return rows * seatsPerRow;
    }

    public String seatId(int row, int seat) {
        return id + "-" + row + "-" + seat;
    }

    /** The section of a seat id, or null when the id is not of our shape. */
    public static String of(String seatId) {
        int dash = seatId == null ? -1 : seatId.indexOf('-');
        return dash <= 0 ? null : seatId.substring(0, dash);
    }
}
