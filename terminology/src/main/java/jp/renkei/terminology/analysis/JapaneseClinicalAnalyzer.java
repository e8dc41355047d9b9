package jp.renkei.terminology.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;

/**
 * Analyzes Japanese clinical free text (diagnoses, notes, narrative) for full-text search.
 *
 * <p>The chain:
 *
 * <ol>
 *   <li>{@link CJKWidthCharFilter}: half-width katakana and full-width Latin/digits are widened
 *       or narrowed before tokenizing, so the morphological dictionary sees the forms it knows.
 *   <li>{@link JapaneseTokenizer} (Kuromoji, IPADIC) in {@link JapaneseTokenizer.Mode#SEARCH}
 *       mode, which splits long kanji compounds: {@code 急性心筋梗塞} yields {@code 急性},
 *       {@code 心筋}, {@code 梗塞}, so a search for {@code 心筋梗塞} finds it.
 *   <li>{@link JapaneseBaseFormFilter}: inflected verbs and adjectives are indexed in dictionary
 *       form ({@code 痛んだ} → {@code 痛む}).
 *   <li>Lucene's default Japanese stop tags and stop words remove particles, auxiliary verbs
 *       and very common words. Negation ({@code ない}) is one of them, so like any bag-of-words
 *       search this does not tell {@code 発熱あり} from {@code 発熱なし}. Unlike Lucene's own
 *       part-of-speech filter, kanji outside the Basic Multilingual Plane ({@code 𠮷},
 *       {@code 𩸽}), which Kuromoji tags as symbols, are kept.
 *   <li>{@link JapaneseFoldingFilter#forText(TokenStream)}: hiragana to katakana, NFKC and lower
 *       case. This runs <em>after</em> tokenizing, because Kuromoji needs hiragana to recognise
 *       particles and okurigana; folding first would turn {@code 痛みがある} into unknown
 *       katakana words.
 *   <li>{@link JapaneseKatakanaStemFilter}: a trailing prolonged sound mark on long katakana
 *       words is dropped ({@code モニター} and {@code モニタ} match).
 * </ol>
 *
 * <p>Names in running text are tokenized only as well as the dictionary knows them: a name in
 * hiragana is often misread ({@code やまだ　たろう} keeps {@code ヤマダ} but {@code たろう} is read
 * as auxiliary verbs and dropped). Index name fields with {@link JapaneseNameAnalyzer} instead.
 * Likewise a loanword typed in hiragana is misread ({@code いんふるえんざ} is not segmented as
 * {@code インフルエンザ}); since clinical text writes loanwords in katakana, a search front end
 * should fold a query that is {@link jp.renkei.terminology.text.JapaneseTextFolding#isKanaOnly
 * kana only} with {@link jp.renkei.terminology.text.JapaneseTextFolding#fold} before analyzing
 * it.
 *
 * <p>The analyzer is thread-safe and has no dependency on Hibernate Search, which can register an
 * instance of it by name.
 */
public final class JapaneseClinicalAnalyzer extends Analyzer {

    /** Creates the analyzer with Lucene's default Japanese stop words and stop tags. */
    public JapaneseClinicalAnalyzer() {
        super();
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
        TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
        stream = new LetterPreservingPartOfSpeechStopFilter(
                stream, JapaneseAnalyzer.getDefaultStopTags());
        stream = new StopFilter(stream, JapaneseAnalyzer.getDefaultStopSet());
        stream = JapaneseFoldingFilter.forText(stream);
        stream = new JapaneseKatakanaStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
    }

    // Wildcard and prefix query terms skip the tokenizer; fold them the same way.
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return JapaneseFoldingFilter.forText(in);
    }
}
