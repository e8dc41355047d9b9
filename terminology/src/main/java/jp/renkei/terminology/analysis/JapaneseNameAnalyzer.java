package jp.renkei.terminology.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;

/**
 * Analyzes personal names (kanji or kana) into character unigrams and bigrams for partial
 * matching.
 *
 * <p>The whole field value is one name: it is folded with {@link
 * JapaneseFoldingFilter#forNames(TokenStream)} (so {@code ﾔﾏﾀﾞ ﾀﾛｳ}, {@code やまだ　たろう} and
 * {@code ヤマダ・タロウ} all become {@code ヤマダタロウ}) and then cut into every one- and
 * two-character gram: {@code ヤ, ヤマ, マ, マダ, ダ, ...}. No dictionary is involved, because
 * names are exactly what a morphological dictionary gets wrong, and the family/given name
 * boundary is ignored because registers disagree on where, or whether, they put the space.
 *
 * <p>Use the same analyzer for indexing and for the query, and require <em>all</em> query terms
 * to match (AND). Every gram of a query that is a substring of a name is then a gram of that
 * name, so {@code ヤマ}, {@code まだ}, {@code 山田}, {@code 太郎} and a single character like
 * {@code 林} all find what a user expects. Grams are counted in code points, so a name with
 * {@code 𠮷} (U+20BB7) yields {@code 𠮷} and {@code 𠮷田}, never half a surrogate pair.
 */
public final class JapaneseNameAnalyzer extends Analyzer {

    private static final int MIN_GRAM = 1;
    private static final int MAX_GRAM = 2;

    /** Creates the analyzer. */
    public JapaneseNameAnalyzer() {
        super();
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new KeywordTokenizer();
        TokenStream stream = JapaneseFoldingFilter.forNames(tokenizer);
        stream = new NGramTokenFilter(stream, MIN_GRAM, MAX_GRAM, false);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return JapaneseFoldingFilter.forNames(in);
    }
}
