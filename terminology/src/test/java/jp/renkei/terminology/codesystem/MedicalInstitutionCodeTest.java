package jp.renkei.terminology.codesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MedicalInstitutionCodeTest {

    /*
     * Check digits worked out by hand: from the right of the nine digits, weights 2,1,2,1,...;
     * a two-digit product counts as the sum of its digits; check = (10 - sum mod 10) mod 10.
     *
     * 13 1 12 3456: 6·2=12→3, 5, 4·2=8, 3, 2·2=4, 1, 1·2=2, 3, 1·2=2  sum 31 → 9
     * 27 4 01 2345: 5·2=10→1, 4, 3·2=6, 2, 1·2=2, 0, 4·2=8, 7, 2·2=4  sum 34 → 6
     * 34 1 07 1236: 6·2=12→3, 3, 2·2=4, 1, 7·2=14→5, 0, 1·2=2, 4, 3·2=6  sum 28 → 2
     *               (the worked example of the MHLW numbering rules)
     * 34 1 07 1237: as above but 7·2=14→5 instead of 3  sum 30 → 0
     */
    @ParameterizedTest
    @CsvSource({
        "1311234569, TOKYO,     MEDICAL,  12, 3456, 9",
        "2740123456, OSAKA,     PHARMACY, 01, 2345, 6",
        "3410712362, HIROSHIMA, MEDICAL,  07, 1236, 2",
        "3410712370, HIROSHIMA, MEDICAL,  07, 1237, 0",
        "0110113719, HOKKAIDO,  MEDICAL,  01, 1371, 9",
        "3618010015, TOKUSHIMA, MEDICAL,  80, 1001, 5"
    })
    void validCodesAreParsedIntoTheirParts(String value, Prefecture prefecture, FeeSchedule feeSchedule,
            String areaNumber, String institutionNumber, int checkDigit) {
        MedicalInstitutionCode code = MedicalInstitutionCode.parse(value);

        assertThat(code.prefecture()).isEqualTo(prefecture);
        assertThat(code.feeSchedule()).isEqualTo(feeSchedule);
        assertThat(code.areaNumber()).isEqualTo(areaNumber);
        assertThat(code.institutionNumber()).isEqualTo(institutionNumber);
        assertThat(code.checkDigit()).isEqualTo(checkDigit);
        assertThat(code.facilityCode()).isEqualTo(value.substring(3));
        assertThat(code.value()).isEqualTo(value);
        assertThat(code).hasToString(value);
        assertThat(MedicalInstitutionCode.isValid(value)).isTrue();
    }

    @Test
    void checkDigitCoversPrefectureAndFeeScheduleNotOnlyTheSevenDigitFacilityCode() {
        // 34 1 07 1236: over the six digits 071236 alone the check digit would be 4, not 2.
        assertThat(MedicalInstitutionCode.computeCheckDigit("071236")).isEqualTo(4);
        assertThat(MedicalInstitutionCode.isValid("3410712364")).isFalse();
        // The same facility code is valid under only one prefecture / fee schedule combination
        // among these, because the check digit depends on them.
        assertThat(MedicalInstitutionCode.isValid("3410712362")).isTrue();
        assertThat(MedicalInstitutionCode.isValid("3310712362")).isFalse();
        assertThat(MedicalInstitutionCode.isValid("3430712362")).isFalse();
    }

    @Test
    void everySingleDigitTypoIsDetected() {
        String valid = "1311234569";
        for (int position = 0; position < valid.length(); position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == valid.charAt(position)) {
                    continue;
                }
                String typo = valid.substring(0, position) + digit + valid.substring(position + 1);
                assertThat(MedicalInstitutionCode.isValid(typo)).as(typo).isFalse();
            }
        }
    }

    @Test
    void swappingTwoAdjacentDifferentDigitsIsDetected() {
        // 3410712362 → 3410721362 swaps the 7 and the 1 of the area/institution digits.
        assertThat(MedicalInstitutionCode.isValid("3410721362")).isFalse();
        // 1311234569 → 1311324569 swaps 2 and 3.
        assertThat(MedicalInstitutionCode.isValid("1311324569")).isFalse();
    }

    @Test
    void withCheckDigitBuildsValidCodesForDemonstrationData() {
        MedicalInstitutionCode code = MedicalInstitutionCode.withCheckDigit(
                Prefecture.TOKYO, FeeSchedule.MEDICAL, "12", "3456");

        assertThat(code.value()).isEqualTo("1311234569");
        assertThat(MedicalInstitutionCode.withCheckDigit(Prefecture.HIROSHIMA, FeeSchedule.MEDICAL, "07", "1237"))
                .isEqualTo(MedicalInstitutionCode.parse("3410712370"));
    }

    @ParameterizedTest
    @CsvSource({
        "131123456,   10 digits",
        "13112345690, 10 digits",
        "131123456X,  10 digits",
        "'131123 4569', 10 digits",
        "１３１１２３４５６９, 10 digits",
        "0011234569,  prefecture",
        "4811234569,  prefecture",
        "1321234569,  fee schedule",
        "1361234569,  fee schedule",
        "1311234568,  Check digit"
    })
    void invalidCodesAreRejectedWithTheReason(String value, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MedicalInstitutionCode.parse(value))
                .withMessageContaining(reason);
        assertThat(MedicalInstitutionCode.isValid(value)).isFalse();
        assertThat(MedicalInstitutionCode.tryParse(value)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " 1311234569", "1311234569 "})
    void missingOrPaddedValuesAreNotValid(String value) {
        assertThat(MedicalInstitutionCode.isValid(value)).isFalse();
    }

    @Test
    void constructorRejectsAFacilityCodeWithAWrongCheckDigit() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MedicalInstitutionCode(Prefecture.TOKYO, FeeSchedule.MEDICAL, "1234568"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MedicalInstitutionCode(Prefecture.TOKYO, FeeSchedule.MEDICAL, "123456"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a4"})
    void checkDigitNeedsDigits(String digits) {
        assertThatIllegalArgumentException().isThrownBy(() -> MedicalInstitutionCode.computeCheckDigit(digits));
    }
}
