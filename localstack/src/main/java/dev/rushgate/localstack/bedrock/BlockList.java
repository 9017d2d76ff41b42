package dev.rushgate.localstack.bedrock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The simulated guardrail's custom words: English and Korean phrases from {@code bedrock/blocked-*.txt}. Text and
 * phrases are compared normalised (NFKC, lower case, punctuation as spaces), so "FREE-money!" and full-width letters
 * match "free money". An English phrase matches whole words; a Korean one matches with spaces removed, because
 * particles attach to the word ("무료 코인을") and spacing is loose ("무료코인").
 */
final class BlockList {

    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");

    private final List<String> phrases;

    private BlockList(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
    }

    static BlockList load() {
        List<String> phrases = new ArrayList<>();
        phrases.addAll(lines("bedrock/blocked-en.txt"));
        phrases.addAll(lines("bedrock/blocked-ko.txt"));
        return new BlockList(phrases);
    }

    /** The listed phrases found in {@code text}, in list order, each as it is written in the list. */
    List<String> found(String text) {
        String words = " " + normalise(text) + " ";
        String compact = words.replace(" ", "");
        List<String> hits = new ArrayList<>();
        for (String phrase : phrases) {
            String p = normalise(phrase);
            boolean hit = HANGUL.matcher(p).find() ? compact.contains(p.replace(" ", "")) : words.contains(" " + p + " ");
            if (hit) hits.add(phrase);
        }
        return hits;
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_LETTER_OR_DIGIT.matcher(folded).replaceAll(" ").strip();
    }

    /** The non-blank, non-comment lines of a resource. */
    static List<String> lines(String resource) {
        try (InputStream in = BlockList.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
