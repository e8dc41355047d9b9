package jp.renkei.terminology.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import jp.renkei.terminology.text.JapaneseTextFolding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JapaneseClinicalAnalyzerTest {

    private final JapaneseClinicalAnalyzer analyzer = new JapaneseClinicalAnalyzer();

    @AfterEach
    void close() {
        analyzer.close();
    }

    private List<String> tokens(String text) {
        return AnalyzedTokens.of(analyzer, text);
    }

    @Test
    void longDiagnosisCompoundIsSplitIntoSearchableWords() {
        assertThat(tokens("急性心筋梗塞")).containsExactly("急性", "心筋", "梗塞");
    }

    @Test
    void particlesAndAuxiliariesAreNotIndexed() {
        assertThat(tokens("急性心筋梗塞の疑いがある")).containsExactly("急性", "心筋", "梗塞", "疑イ");
    }

    @Test
    void halfWidthKatakanaNameIsWidenedAndSplitAtTheSpace() {
        assertThat(tokens("ﾔﾏﾀﾞ ﾀﾛｳ")).containsExactly("ヤマダ", "タロウ");
    }

    @Test
    void halfWidthKatakanaCompoundIsWidenedBeforeTheDictionarySplitsIt() {
        // Kuromoji does not know half-width katakana and would keep this as one unknown word.
        assertThat(tokens("ｲﾝﾌﾙｴﾝｻﾞｳｲﾙｽ")).containsExactly("インフルエンザ", "ウイルス");
    }

    @Test
    void hiraganaNameInRunningTextIsFoldedToKatakanaAsFarAsTheDictionaryReadsIt() {
        List<String> tokens = tokens("やまだ　たろう");

        assertThat(tokens).contains("ヤマダ");
        assertThat(tokens).allSatisfy(token -> assertThat(JapaneseTextFolding.isKanaOnly(token)).isTrue());
        assertThat(tokens).noneMatch(token -> token.chars().anyMatch(c -> c >= 'ぁ' && c <= 'ゖ'));
    }

    @Test
    void hiraganaAndKatakanaSpellingsOfAWordMatch() {
        assertThat(tokens("かぜ")).isEqualTo(tokens("カゼ")).containsExactly("カゼ");
        assertThat(tokens("ぺにしりん")).isEqualTo(tokens("ﾍﾟﾆｼﾘﾝ")).containsExactly("ペニシリン");
    }

    @Test
    void kanaOnlyQueryFoldedBeforeAnalysisIsSegmentedLikeTheKatakanaInTheRecord() {
        String query = "いんふるえんざ";

        assertThat(JapaneseTextFolding.isKanaOnly(query)).isTrue();
        assertThat(tokens(JapaneseTextFolding.fold(query))).containsExactly("インフルエンザ");
    }

    @Test
    void fullWidthLatinAbbreviationsAreIndexedInLowerCase() {
        assertThat(tokens("ＣＲＰ上昇、ＰＣＩ施行")).containsExactly("crp", "上昇", "pci", "施行");
    }

    @Test
    void inflectedVerbsAreIndexedInDictionaryForm() {
        assertThat(tokens("痛んだ")).isEqualTo(tokens("痛む"));
    }

    @Test
    void trailingProlongedSoundMarkOfLongKatakanaWordsIsIgnored() {
        assertThat(tokens("モニター")).isEqualTo(tokens("ﾓﾆﾀ")).containsExactly("モニタ");
    }

    @Test
    void supplementaryKanjiAreKeptRatherThanDroppedAsSymbols() {
        assertThat(tokens("𠮷田さんは𩸽アレルギー")).contains("𠮷", "田", "𩸽");
    }

    @Test
    void symbolsAndEmojiAreNotIndexed() {
        assertThat(tokens("※頭痛→😀")).containsExactly("頭痛");
    }

    @Test
    void wildcardTermsAreNormalizedLikeIndexedTerms() {
        assertThat(analyzer.normalize("field", "ｶﾃｰﾃﾙ").utf8ToString()).isEqualTo("カテーテル");
        assertThat(analyzer.normalize("field", "ＰＣＩ").utf8ToString()).isEqualTo("pci");
        assertThat(analyzer.normalize("field", "いんすりん").utf8ToString()).isEqualTo("インスリン");
    }

    @Test
    void searchingADiagnosisFindsTheRecordsThatMentionIt() throws IOException {
        InMemoryIndex index = new InMemoryIndex(analyzer,
                "急性心筋梗塞の疑いで救急搬送",
                "陳旧性心筋梗塞、ＰＣＩ施行後",
                "脳梗塞の既往あり",
                "ｶﾃｰﾃﾙ挿入",
                "ﾍﾟﾆｼﾘﾝｱﾚﾙｷﾞｰあり");

        assertThat(index.search("心筋梗塞"))
                .containsExactlyInAnyOrder("急性心筋梗塞の疑いで救急搬送", "陳旧性心筋梗塞、ＰＣＩ施行後");
        assertThat(index.search("梗塞")).hasSize(3);
        assertThat(index.search("pci")).containsExactly("陳旧性心筋梗塞、ＰＣＩ施行後");
        assertThat(index.search("カテーテル")).containsExactly("ｶﾃｰﾃﾙ挿入");
        assertThat(index.search("ペニシリン")).containsExactly("ﾍﾟﾆｼﾘﾝｱﾚﾙｷﾞｰあり");
        assertThat(index.search("アレルギー")).containsExactly("ﾍﾟﾆｼﾘﾝｱﾚﾙｷﾞｰあり");
        assertThat(index.search("大動脈解離")).isEmpty();
    }
}
