package dev.rushgate.dynamodb.store;

import java.util.Objects;

/** A key attribute of a table: its name and scalar type ({@code S}, {@code N} or {@code B}). */
public record KeyAttribute(String name, String type) {
    public KeyAttribute {
        Objects.requireNonNull(name, "name");
        if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
            throw new IllegalArgumentException("key attributes are S, N or B: " + type);
        }
    }
}
