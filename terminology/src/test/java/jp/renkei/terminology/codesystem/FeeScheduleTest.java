package jp.renkei.terminology.codesystem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeeScheduleTest {

    @Test
    void medicalDentalAndPharmacyHaveTheirDigits() {
        assertThat(FeeSchedule.fromDigit('1')).contains(FeeSchedule.MEDICAL);
        assertThat(FeeSchedule.fromDigit('3')).contains(FeeSchedule.DENTAL);
        assertThat(FeeSchedule.fromDigit('4')).contains(FeeSchedule.PHARMACY);
        assertThat(FeeSchedule.PHARMACY.japaneseName()).isEqualTo("調剤");
    }

    @ParameterizedTest
    @ValueSource(chars = {'0', '2', '5', '6', '9', 'a'})
    void otherDigitsAreNotFeeSchedules(char digit) {
        assertThat(FeeSchedule.fromDigit(digit)).isEmpty();
    }
}
