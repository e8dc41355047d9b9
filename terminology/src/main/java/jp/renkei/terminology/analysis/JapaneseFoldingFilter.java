package jp.renkei.terminology.analysis;

import java.io.IOException;
import java.util.function.Function;
import jp.renkei.terminology.text.JapaneseTextFolding;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Applies {@link JapaneseTextFolding} to every token, so that hiragana and katakana, half- and
 * full-width forms and upper- and lower-case Latin letters index to the same term.
 *
 * <p>Use {@link #forText(TokenStream)} after a word tokenizer and {@link #forNames(TokenStream)}
 * when the token is a whole personal name. Offsets are left as the tokenizer set them, so
 * highlighting still points at the original characters.
 */
public final class JapaneseFoldingFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final Function<CharSequence, String> folding;

    private JapaneseFoldingFilter(TokenStream input, Function<CharSequence, String> folding) {
        super(input);
        this.folding = folding;
    }

    /**
     * Folds each token as general text ({@link JapaneseTextFolding#fold(CharSequence)}).
     *
     * @param input the tokens to fold
     * @return the folding filter
     */
    public static JapaneseFoldingFilter forText(TokenStream input) {
        return new JapaneseFoldingFilter(input, JapaneseTextFolding::fold);
    }

    /**
     * Folds each token as a personal name ({@link JapaneseTextFolding#foldName(CharSequence)}),
     * which also drops spaces and middle dots inside the token.
     *
     * @param input the tokens to fold
     * @return the folding filter
     */
    public static JapaneseFoldingFilter forNames(TokenStream input) {
        return new JapaneseFoldingFilter(input, JapaneseTextFolding::foldName);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String folded = folding.apply(term);
        term.setEmpty().append(folded);
        return true;
    }
}
