package jp.renkei.terminology.codesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrefectureTest {

    @Test
    void thereAreFortySevenPrefecturesNumberedZeroOneToFortySevenInOrder() {
        Prefecture[] prefectures = Prefecture.values();

        assertThat(prefectures).hasSize(47);
        for (int i = 0; i < prefectures.length; i++) {
            assertThat(prefectures[i].code()).isEqualTo(String.format("%02d", i + 1));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "01, 北海道",
        "02, 青森県",
        "13, 東京都",
        "14, 神奈川県",
        "23, 愛知県",
        "26, 京都府",
        "27, 大阪府",
        "28, 兵庫県",
        "36, 徳島県",
        "40, 福岡県",
        "46, 鹿児島県",
        "47, 沖縄県"
    })
    void codesNameTheRightPrefecture(String code, String name) {
        assertThat(Prefecture.fromCode(code)).get().extracting(Prefecture::japaneseName).isEqualTo(name);
    }

    @Test
    void namesAreUniqueAndCarryTheirSuffix() {
        assertThat(Arrays.stream(Prefecture.values()).map(Prefecture::japaneseName))
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches(".+[都道府県]"));
        assertThat(Arrays.stream(Prefecture.values()).map(Prefecture::japaneseName))
                .filteredOn(name -> name.endsWith("府"))
                .containsExactlyInAnyOrder("京都府", "大阪府");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "00", "48", "99", "1", "013", "１３"})
    void unknownCodesFindNothing(String code) {
        assertThat(Prefecture.fromCode(code)).isEmpty();
    }
}
