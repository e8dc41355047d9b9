package jp.renkei.terminology.analysis;

import java.util.Set;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Removes tokens whose Kuromoji part of speech is a stop tag, except symbol tokens that contain
 * a letter.
 *
 * <p>Kuromoji classifies characters per UTF-16 unit and has no class for surrogate pairs, so a
 * kanji outside the Basic Multilingual Plane such as {@code 𠮷} (U+20BB7) or {@code 𩸽} (U+29E3D)
 * comes out as an unknown word tagged {@code 記号-一般} (symbol). Lucene's
 * {@code JapanesePartOfSpeechStopFilter} would then drop it together with real symbols, losing
 * the kanji of names like {@code 𠮷田}. Real symbols and punctuation never reach this filter when
 * the tokenizer discards punctuation, and emoji contain no letter, so they are still removed.
 */
final class LetterPreservingPartOfSpeechStopFilter extends FilteringTokenFilter {

    private static final String SYMBOL = "記号-一般";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PartOfSpeechAttribute partOfSpeech = addAttribute(PartOfSpeechAttribute.class);
    private final Set<String> stopTags;

    LetterPreservingPartOfSpeechStopFilter(TokenStream input, Set<String> stopTags) {
        super(input);
        this.stopTags = Set.copyOf(stopTags);
    }

    @Override
    protected boolean accept() {
        String tag = partOfSpeech.getPartOfSpeech();
        if (tag == null || !stopTags.contains(tag)) {
            return true;
        }
        return SYMBOL.equals(tag) && term.codePoints().anyMatch(Character::isLetter);
    }
}
