package dev.rushgate.localstack.bedrock;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The simulated model's hashtags: the most frequent nouns of a post, ties broken by first appearance, at most
 * {@code max}. Korean text (any Hangul in it) goes through nori, keeping common and proper nouns (NNG, NNP) of two
 * syllables or more; compounds stay whole (decompound mode NONE: 운동화, not 운동 + 화), which is what a hashtag
 * wants, unlike the search index's mixed mode. Other text is taken as English: lower-cased words of three letters or
 * more that are not stop words, unstemmed so a hashtag reads as written. Analyzers are thread-safe: built once.
 */
final class Hashtags {

    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{3,}");

    private final Analyzer korean;
    private final Analyzer english;

    Hashtags() {
        Set<POS.Tag> notNouns = EnumSet.complementOf(EnumSet.of(POS.Tag.NNG, POS.Tag.NNP));
        korean = new KoreanAnalyzer(null, KoreanTokenizer.DecompoundMode.NONE, notNouns, false);
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        BlockList.lines("bedrock/stopwords-en.txt").forEach(line -> stop.addAll(List.of(line.split("\\s+"))));
        english = new StandardAnalyzer(stop);
    }

    List<String> of(String text, int max) {
        boolean isKorean = HANGUL.matcher(text).find();
        Map<String, Integer> counts = new LinkedHashMap<>(); // insertion order = first appearance
        for (String term : terms(isKorean ? korean : english, text)) {
            boolean keep = isKorean ? term.codePointCount(0, term.length()) >= 2 : LETTERS.matcher(term).matches();
            if (keep) counts.merge(term, 1, Integer::sum);
        }
        List<String> ranked = new ArrayList<>(counts.keySet());
        ranked.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a))); // stable: ties keep first appearance
        return ranked.subList(0, Math.min(max, ranked.size()));
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) terms.add(term.toString());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail to read", e);
        }
        return terms;
    }
}
