package dev.rushgate.dynamodb.value;

import dev.rushgate.dynamodb.DynamoException;

import java.math.BigDecimal;

/**
 * DynamoDB's number rules: up to 38 significant digits, magnitudes from 1E-130 up to but not including 1E+126,
 * compared by value, and answered without trailing zeros or exponent ({@code 1.10} comes back as {@code 1.1},
 * {@code 1E+2} as {@code 100}).
 */
public final class Numbers {
    private static final BigDecimal MAX = new BigDecimal("1E+126");
    private static final BigDecimal MIN = new BigDecimal("1E-130");

    private Numbers() {}

    /** Parses a number as a client sends it, enforcing DynamoDB's precision and range. */
    public static BigDecimal parse(String text) {
        BigDecimal n;
        try {
            if (text == null || text.isBlank() || !text.strip().equals(text)) throw new NumberFormatException();
            n = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw DynamoException.validation("A value provided cannot be converted into a number");
        }
        return checked(n);
    }

    /** Enforces precision and range on a number the engine computed (ADD, SET a = b + c). */
    public static BigDecimal checked(BigDecimal n) {
        BigDecimal v = normalise(n);
        if (v.signum() == 0) return v;
        if (v.precision() > 38) {
            throw DynamoException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal abs = v.abs();
        if (abs.compareTo(MAX) >= 0) {
            throw DynamoException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (abs.compareTo(MIN) < 0) {
            throw DynamoException.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return v;
    }

    /** The canonical form: no trailing zeros, and every zero the same zero. */
    public static BigDecimal normalise(BigDecimal n) {
        return n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
    }

    /** The text DynamoDB answers: plain notation, no trailing zeros. */
    public static String format(BigDecimal n) {
        return normalise(n).toPlainString();
    }

    /** How many bytes DynamoDB counts for a number: about one per two significant digits, plus one. */
    public static int size(BigDecimal n) {
        return canonicalSize(normalise(n));
    }

    /** As {@link #size}, for a number already in canonical form (every {@code Value.N} is): nothing to strip. */
    static int canonicalSize(BigDecimal v) {
        int digits = v.signum() == 0 ? 1 : v.precision();
        return (digits + 1) / 2 + 1 + (v.signum() < 0 ? 1 : 0);
    }
}
