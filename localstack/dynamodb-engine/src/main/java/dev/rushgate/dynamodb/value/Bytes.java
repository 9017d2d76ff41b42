package dev.rushgate.dynamodb.value;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** An immutable byte string with value equality, ordered as DynamoDB orders binary: unsigned, byte by byte. */
public record Bytes(byte[] bytes) implements Comparable<Bytes> {
    public Bytes {
        bytes = bytes.clone();
    }

    public static Bytes ofBase64(String base64) {
        return new Bytes(Base64.getDecoder().decode(base64));
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public int length() {
        return bytes.length;
    }

    /** A copy: the record's own array never leaves it. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean startsWith(Bytes prefix) {
        return prefix.bytes.length <= bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Bytes[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
