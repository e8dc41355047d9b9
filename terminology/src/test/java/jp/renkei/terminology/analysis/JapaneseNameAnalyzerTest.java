package jp.renkei.terminology.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JapaneseNameAnalyzerTest {

    private final JapaneseNameAnalyzer analyzer = new JapaneseNameAnalyzer();

    @AfterEach
    void close() {
        analyzer.close();
    }

    private List<String> tokens(String text) {
        return AnalyzedTokens.of(analyzer, text);
    }

    @Test
    void kanaNameIsCutIntoUnigramsAndBigramsOfItsFoldedForm() {
        assertThat(tokens("ﾔﾏﾀﾞ ﾀﾛｳ")).containsExactly(
                "ヤ", "ヤマ", "マ", "マダ", "ダ", "ダタ", "タ", "タロ", "ロ", "ロウ", "ウ");
    }

    @Test
    void halfWidthHiraganaAndKatakanaSpellingsGiveTheSameTerms() {
        assertThat(tokens("やまだ　たろう"))
                .isEqualTo(tokens("ﾔﾏﾀﾞ ﾀﾛｳ"))
                .isEqualTo(tokens("ヤマダ・タロウ"));
    }

    @Test
    void gramsNeverSplitASurrogatePair() {
        List<String> tokens = tokens("𠮷田");

        assertThat(tokens).containsExactly("𠮷", "𠮷田", "田");
        assertThat(tokens).allSatisfy(token -> assertThat(token.codePoints()).noneMatch(
                codePoint -> codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE));
    }

    @Test
    void blankNameGivesNoTerms() {
        assertThat(tokens("\u3000・ ")).isEmpty();
    }

    @Test
    void wildcardTermsAreFoldedLikeNames() {
        assertThat(analyzer.normalize("field", "ﾔﾏﾀﾞ ﾀﾛｳ").utf8ToString()).isEqualTo("ヤマダタロウ");
    }

    @Test
    void partialNameSearchFindsThePatientsAUserExpects() throws IOException {
        InMemoryIndex index = new InMemoryIndex(analyzer,
                "山田 太郎", "ヤマダ タロウ", "山本 花子", "ヤマモト ハナコ", "𠮷田 一郎", "林 健", "ジョン・スミス");

        assertThat(index.search("やまだ")).containsExactly("ヤマダ タロウ");
        assertThat(index.search("ﾔﾏ")).containsExactlyInAnyOrder("ヤマダ タロウ", "ヤマモト ハナコ");
        assertThat(index.search("たろう")).containsExactly("ヤマダ タロウ");
        assertThat(index.search("ヤマダタロウ")).containsExactly("ヤマダ タロウ");
        assertThat(index.search("山田")).containsExactly("山田 太郎");
        assertThat(index.search("山田太郎")).containsExactly("山田 太郎");
        assertThat(index.search("田")).containsExactlyInAnyOrder("山田 太郎", "𠮷田 一郎");
        assertThat(index.search("𠮷田")).containsExactly("𠮷田 一郎");
        assertThat(index.search("林")).containsExactly("林 健");
        assertThat(index.search("スミス")).containsExactly("ジョン・スミス");
        assertThat(index.search("ジョンスミス")).containsExactly("ジョン・スミス");
        assertThat(index.search("ヤマダハナコ")).isEmpty();
    }
}
