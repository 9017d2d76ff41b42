package dev.rushgate.platform;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids stay unique across execution environments restored from one SnapStart snapshot.
 *
 * <p>The method. A snapshot copies the initialised process's memory, generator state included, into every
 * environment restored from it; Lambda then runs the registered CRaC {@code afterRestore} hooks in each copy before
 * its first invocation. The test makes those copies the only way a JVM can copy an object's state, Java
 * serialization: an initialised state is written once and read back twice, and each copy then restores as Lambda
 * restores one (its hook runs) and mints ids in the same millisecond. First the method is shown able to fail: a
 * seeded {@code java.util.Random}, whose state serialization copies faithfully (what a snapshot does to
 * {@code ThreadLocalRandom}), gives both copies the same ids. Then the same copies of Rushgate's state mint ids that
 * all differ. (The JDK's secure generators re-seed themselves when deserialised, so the copies of {@link SecureRandom}
 * are not faithful images; the {@code afterRestore} hook is what makes a real snapshot safe, and the second test
 * shows it replaces the generator.)
 */
class RandomnessTest {

    /** What an environment holds at the snapshot: the generator its ids are drawn from. */
    record Environment(java.util.Random generator) implements Serializable {
        String mint(long millis) {
            byte[] random = new byte[10];
            generator.nextBytes(random);
            return Ids.timeOrdered(millis, random);
        }

        /** What Lambda does in each restored copy before its first invocation. */
        Environment restored(boolean hook) throws Exception {
            if (!hook) return this;
            Randomness.RESEED.afterRestore(null);
            return new Environment(Randomness.generator());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(byte[] snapshot) throws Exception {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            return (T) in.readObject();
        }
    }

    private static byte[] snapshot(Object state) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        return bytes.toByteArray();
    }

    private static Set<String> mintInTwoCopies(Environment initialised, boolean hook) throws Exception {
        byte[] snapshot = snapshot(initialised);
        Environment first = RandomnessTest.<Environment>copy(snapshot).restored(hook);
        Environment second = RandomnessTest.<Environment>copy(snapshot).restored(hook);
        long sameMillisecond = 1_796_000_000_000L;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(first.mint(sameMillisecond));
            ids.add(second.mint(sameMillisecond));
        }
        return ids;
    }

    @Test
    void aGeneratorSeededBeforeTheSnapshotGivesEveryCopyTheSameIds_soTheMethodCanFail() throws Exception {
        var initialised = new Environment(new java.util.Random(20_261_205L));
        initialised.mint(1L); // used during initialisation, as a warm-up would

        assertThat(mintInTwoCopies(initialised, false)).as("2,000 ids, each minted twice").hasSize(1_000);
    }

    @Test
    void copiesRestoredFromOneInitialisedStateMintIdsThatAllDiffer() throws Exception {
        var initialised = new Environment(Randomness.generator());
        initialised.mint(1L);

        assertThat(mintInTwoCopies(initialised, true)).hasSize(2_000);
        assertThat(Ids.timeOrdered(System.currentTimeMillis())).matches("[0-9a-f]{32}");
    }

    @Test
    void theRestoreHookGivesTheEnvironmentAGeneratorOfItsOwn() throws Exception {
        SecureRandom before = Randomness.generator();

        Randomness.RESEED.afterRestore(null);

        assertThat(Randomness.generator()).isNotSameAs(before);
    }
}
