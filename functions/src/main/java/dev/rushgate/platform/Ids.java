package dev.rushgate.platform;

import java.util.HexFormat;

/**
 * Server-made ids: 12 hex digits of epoch milliseconds then 20 random hex digits, so they sort by time
 * (admin pages list claims in arrival order) and are unguessable enough to be opaque. Not secrets:
 * every read of one also checks its owner. The random part comes from {@link Randomness}, which stays unique across
 * execution environments restored from one SnapStart snapshot.
 */
public final class Ids {
    private Ids() {}

    private static final HexFormat HEX = HexFormat.of();

    public static String timeOrdered(long epochMillis) {
        byte[] random = new byte[10];
        Randomness.nextBytes(random);
        return timeOrdered(epochMillis, random);
    }

    /** The id of {@code epochMillis} with the 80 random bits of {@code random} (10 bytes). */
    static String timeOrdered(long epochMillis, byte[] random) {
        // Made for every claim attempt, refused ones too: no String.format on this path.
        char[] id = new char[32];
        long millis = epochMillis & 0xFFFF_FFFF_FFFFL;
        for (int i = 11; i >= 0; i--) {
            id[i] = Character.forDigit((int) (millis & 0xF), 16);
            millis >>>= 4;
        }
        for (int i = 0; i < 10; i++) {
            id[12 + 2 * i] = HEX.toLowHexDigit(random[i] >>> 4);
            id[13 + 2 * i] = HEX.toLowHexDigit(random[i]);
        }
        return new String(id);
    }

    /** Whether {@code id} has the shape {@link #timeOrdered} makes: 32 lower-case hex digits. */
    public static boolean isServerMade(String id) {
        if (id == null || id.length() != 32) return false;
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }
}
