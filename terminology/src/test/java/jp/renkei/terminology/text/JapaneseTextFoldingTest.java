package jp.renkei.terminology.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JapaneseTextFoldingTest {

    @Nested
    class KanaAndWidth {

        @Test
        void hiraganaKatakanaAndHalfWidthKatakanaFoldToTheSameKatakana() {
            assertThat(JapaneseTextFolding.fold("やまだ")).isEqualTo("ヤマダ");
            assertThat(JapaneseTextFolding.fold("ヤマダ")).isEqualTo("ヤマダ");
            assertThat(JapaneseTextFolding.fold("ﾔﾏﾀﾞ")).isEqualTo("ヤマダ");
        }

        @ParameterizedTest
        @CsvSource({
            "ｶﾞｷﾞｸﾞｹﾞｺﾞ, ガギグゲゴ",
            "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ, パピプペポ",
            "ｳﾞｨｰﾅｽ, ヴィーナス",
            "ｷｬｯﾁｬｰ, キャッチャー",
            "ｺﾝﾋﾟｭｰﾀｰ, コンピューター"
        })
        void halfWidthKatakanaBecomesFullWidthWithComposedSoundMarks(String halfWidth, String expected) {
            String folded = JapaneseTextFolding.fold(halfWidth);

            assertThat(folded).isEqualTo(expected);
            assertThat(folded.length()).as("marks composed into one char each").isEqualTo(expected.length());
        }

        @Test
        void spacingSoundMarksWrittenAfterAKanaAreComposed() {
            assertThat(JapaneseTextFolding.fold("カ\u309B")).isEqualTo("ガ");
            assertThat(JapaneseTextFolding.fold("は\u309C")).isEqualTo("パ");
            assertThat(JapaneseTextFolding.fold("う\u309B")).isEqualTo("ヴ");
        }

        @Test
        void wholeHiraganaBlockMapsOntoKatakana() {
            assertThat(JapaneseTextFolding.fold("ぁあぃいゔゕゖ")).isEqualTo("ァアィイヴヵヶ");
            assertThat(JapaneseTextFolding.fold("ゝゞ")).isEqualTo("ヽヾ");
        }

        @Test
        void smallKanaAndProlongedSoundMarkAreKept() {
            assertThat(JapaneseTextFolding.fold("しょーこ")).isEqualTo("ショーコ");
            assertThat(JapaneseTextFolding.fold("ｼｮｰｺ")).isEqualTo("ショーコ");
        }

        @Test
        void fullWidthLatinAndDigitsBecomeHalfWidthLowerCase() {
            assertThat(JapaneseTextFolding.fold("ＣＲＰ　１２．５ｍｇ／ｄＬ")).isEqualTo("crp 12.5mg/dl");
            assertThat(JapaneseTextFolding.fold("Yamada TARO")).isEqualTo("yamada taro");
        }

        @Test
        void lowerCasingDoesNotDependOnTheDefaultLocale() {
            Locale original = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            try {
                // String.toLowerCase() would give a dotless ı under a Turkish default locale.
                assertThat(JapaneseTextFolding.fold("INSULIN")).isEqualTo("insulin");
            } finally {
                Locale.setDefault(original);
            }
        }

        @Test
        void kanjiVariantsAreNotMerged() {
            assertThat(JapaneseTextFolding.fold("髙橋")).isEqualTo("髙橋");
            assertThat(JapaneseTextFolding.fold("山﨑")).isEqualTo("山﨑");
        }
    }

    @Nested
    class SurrogatePairs {

        @Test
        void supplementaryKanjiSurviveUnchanged() {
            assertThat(JapaneseTextFolding.fold("𠮷野")).isEqualTo("𠮷野");
            assertThat(JapaneseTextFolding.foldName("𩸽 たろう")).isEqualTo("𩸽タロウ");
            assertThat(JapaneseTextFolding.foldName("𠮷田　ﾊﾅｺ").codePoints().toArray())
                    .containsExactly(0x20BB7, '田', 'ハ', 'ナ', 'コ');
        }

        @Test
        void ideographicVariationSelectorsAreDroppedButTheirBaseKanjiIsKept() {
            String kuzuWithVariationSelector = "葛" + new String(Character.toChars(0xE0100));
            String yoshiWithVariationSelector = "𠮷" + new String(Character.toChars(0xE0101));

            assertThat(JapaneseTextFolding.foldName(kuzuWithVariationSelector + "西")).isEqualTo("葛西");
            assertThat(JapaneseTextFolding.foldName(yoshiWithVariationSelector + "田")).isEqualTo("𠮷田");
        }

        @Test
        void noLoneSurrogateIsEverProduced() {
            String folded = JapaneseTextFolding.foldName("𠮷 𩸽・ｱ");

            assertThat(folded).isEqualTo("𠮷𩸽ア");
            assertThat(folded.chars().filter(c -> Character.isSurrogate((char) c)).count()).isEqualTo(4);
            assertThat(folded.codePoints().count()).isEqualTo(3);
        }
    }

    @Nested
    class SpacesAndSeparators {

        @Test
        void generalTextCollapsesAndTrimsWhiteSpaceIncludingIdeographicSpace() {
            assertThat(JapaneseTextFolding.fold("\u3000 急性\u3000\u3000心筋梗塞\t疑い \n"))
                    .isEqualTo("急性 心筋梗塞 疑イ");
        }

        @Test
        void generalTextKeepsMiddleDots() {
            assertThat(JapaneseTextFolding.fold("ジョン・スミス")).isEqualTo("ジョン・スミス");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ　たろう", "ヤマダタロウ", "ヤマダ・タロウ", "ﾔﾏﾀﾞ･ﾀﾛｳ", " やまだ\tタロウ "
        })
        void namesFoldToOneSpellingWhateverTheSpacingAndScript(String name) {
            assertThat(JapaneseTextFolding.foldName(name)).isEqualTo("ヤマダタロウ");
        }

        @Test
        void nameSeparatorsOfForeignNamesAreRemoved() {
            assertThat(JapaneseTextFolding.foldName("ジョン＝スミス")).isEqualTo("ジョンスミス");
            assertThat(JapaneseTextFolding.foldName("ジョン゠スミス")).isEqualTo("ジョンスミス");
            assertThat(JapaneseTextFolding.foldName("John · SMITH")).isEqualTo("johnsmith");
        }

        @Test
        void kanjiNamesIgnoreTheSpaceBetweenFamilyAndGivenName() {
            assertThat(JapaneseTextFolding.foldName("山田　太郎"))
                    .isEqualTo(JapaneseTextFolding.foldName("山田太郎"))
                    .isEqualTo("山田太郎");
        }

        @Test
        void invisibleCharactersPastedFromOtherSystemsAreRemoved() {
            assertThat(JapaneseTextFolding.foldName("\uFEFF山田\u200B太郎")).isEqualTo("山田太郎");
        }

        @Test
        void blankInputFoldsToEmpty() {
            assertThat(JapaneseTextFolding.fold(" \u3000 ")).isEmpty();
            assertThat(JapaneseTextFolding.foldName("・ ")).isEmpty();
        }
    }

    @Nested
    class KanaOnly {

        @ParameterizedTest
        @ValueSource(strings = {
            "やまだ たろう", "ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "ジョン・スミス", "ユーコ", "ゔぁいおりん", "さゝき"
        })
        void kanaNamesAreKanaOnly(String name) {
            assertThat(JapaneseTextFolding.isKanaOnly(name)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"山田", "やまだ太郎", "𠮷", "yamada", "ヤマダ1", "", "　", "・", "ー-"})
        void anythingElseIsNot(String text) {
            assertThat(JapaneseTextFolding.isKanaOnly(text)).isFalse();
        }
    }

    @Test
    void nullIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> JapaneseTextFolding.fold(null));
        assertThatNullPointerException().isThrownBy(() -> JapaneseTextFolding.foldName(null));
        assertThatNullPointerException().isThrownBy(() -> JapaneseTextFolding.isKanaOnly(null));
    }
}
