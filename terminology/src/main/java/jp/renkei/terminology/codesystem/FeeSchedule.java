package jp.renkei.terminology.codesystem;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fee schedule a facility bills under (点数表番号), the third digit of a
 * {@link MedicalInstitutionCode}.
 *
 * <p>Only the three schedules of hospitals, clinics and pharmacies are modelled; other digits
 * that appear in related numbering (for example visiting-nurse stations) are not accepted.
 */
public enum FeeSchedule {
    /** 医科: hospitals and clinics. */
    MEDICAL('1', "医科"),
    /** 歯科: dental clinics. */
    DENTAL('3', "歯科"),
    /** 調剤: pharmacies. */
    PHARMACY('4', "調剤");

    private final char digit;
    private final String japaneseName;

    FeeSchedule(char digit, String japaneseName) {
        this.digit = digit;
        this.japaneseName = japaneseName;
    }

    /**
     * Returns the digit written in the institution code.
     *
     * @return {@code '1'}, {@code '3'} or {@code '4'}
     */
    public char digit() {
        return digit;
    }

    /**
     * Returns the Japanese name of the schedule.
     *
     * @return {@code 医科}, {@code 歯科} or {@code 調剤}
     */
    public String japaneseName() {
        return japaneseName;
    }

    /**
     * Looks a fee schedule up by its digit.
     *
     * @param digit the third digit of an institution code
     * @return the schedule, or empty for any other digit
     */
    public static Optional<FeeSchedule> fromDigit(char digit) {
        return Arrays.stream(values()).filter(schedule -> schedule.digit == digit).findFirst();
    }
}
