package jp.renkei.terminology.codesystem;

import java.util.Objects;
import java.util.Optional;

/**
 * A 10-digit medical institution code (医療機関コード; for pharmacies 薬局コード), as printed on
 * prescriptions and claims and used to identify a facility across the region.
 *
 * <p>Layout, left to right:
 *
 * <pre>
 *   PP  S  AA  NNNN  C
 *   │   │  │   │     └ 検証番号   check digit
 *   │   │  │   └────── 医療機関番号 institution number within the area
 *   │   │  └────────── 郡市区番号   area (county, city or ward) number
 *   │   └───────────── 点数表番号   {@link FeeSchedule}: 1 医科, 3 歯科, 4 調剤
 *   └───────────────── 都道府県番号 {@link Prefecture}: 01–47
 * </pre>
 *
 * The last seven digits ({@code AA NNNN C}) are the facility code printed on claims; this record
 * calls them {@link #facilityCode()}.
 *
 * <p><b>Check digit.</b> It is computed over all nine preceding digits {@code PP S AA NNNN}, not
 * over the six digits {@code AA NNNN} alone: starting from the rightmost of the nine digits,
 * multiply the digits alternately by 2 and 1, add up the digits of each product (12 counts as
 * 1 + 2), and the check digit is {@code (10 - sum mod 10) mod 10}. This is the modulus-10,
 * weights-2-1 scheme Japanese insurer numbers also use (it is the Luhn algorithm). The nine-digit
 * scope is what the MHLW numbering rules (医療機関コード及び薬局コード設定要領) prescribe, as
 * quoted with their worked example {@code 34 1 07 1236} → check digit 2 (the six-digit variant
 * would give 4). Published codes agree: the example {@code 0110113719} of the Japanese Wikipedia
 * article on these codes and {@code 3618010015} (Tokushima University Hospital, facility code
 * 80-1001-5) satisfy the nine-digit rule and fail the six-digit one.
 *
 * <p>Not checked: whether a code has actually been assigned, the ranges of institution numbers
 * reserved per fee schedule, and any legacy codes whose check digit was computed another way.
 */
public record MedicalInstitutionCode(
        Prefecture prefecture, FeeSchedule feeSchedule, String facilityCode) {

    private static final int LENGTH = 10;
    private static final int FACILITY_CODE_LENGTH = 7;

    /**
     * Creates a code from its parts.
     *
     * @param prefecture the prefecture (digits 1–2)
     * @param feeSchedule the fee schedule (digit 3)
     * @param facilityCode the seven-digit facility code including its check digit (digits 4–10)
     * @throws IllegalArgumentException if the facility code is not seven ASCII digits or its
     *     check digit is wrong
     */
    public MedicalInstitutionCode {
        Objects.requireNonNull(prefecture, "prefecture");
        Objects.requireNonNull(feeSchedule, "feeSchedule");
        Objects.requireNonNull(facilityCode, "facilityCode");
        if (facilityCode.length() != FACILITY_CODE_LENGTH || !isAsciiDigits(facilityCode)) {
            throw new IllegalArgumentException(
                    "Facility code must be 7 digits: '" + facilityCode + "'");
        }
        String payload = prefecture.code() + feeSchedule.digit() + facilityCode.substring(0, 6);
        int expected = computeCheckDigit(payload);
        int actual = facilityCode.charAt(6) - '0';
        if (actual != expected) {
            throw new IllegalArgumentException("Check digit of medical institution code "
                    + payload + actual + " is " + actual + ", expected " + expected);
        }
    }

    /**
     * Parses a 10-digit code.
     *
     * @param value exactly ten ASCII digits, without separators or surrounding spaces
     * @return the parsed code
     * @throws IllegalArgumentException with the reason if the value is not a valid code
     */
    public static MedicalInstitutionCode parse(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() != LENGTH || !isAsciiDigits(value)) {
            throw new IllegalArgumentException(
                    "Medical institution code must be 10 digits: '" + value + "'");
        }
        Prefecture prefecture = Prefecture.fromCode(value.substring(0, 2))
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown prefecture number " + value.substring(0, 2) + " in " + value));
        FeeSchedule feeSchedule = FeeSchedule.fromDigit(value.charAt(2))
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown fee schedule digit " + value.charAt(2) + " in " + value));
        return new MedicalInstitutionCode(prefecture, feeSchedule, value.substring(3));
    }

    /**
     * Tells whether a value is a valid 10-digit code, without saying why not.
     *
     * @param value the candidate, may be {@code null}
     * @return {@code true} if {@link #parse(String)} would accept it
     */
    public static boolean isValid(String value) {
        return tryParse(value).isPresent();
    }

    /**
     * Parses a 10-digit code, returning empty instead of throwing.
     *
     * @param value the candidate, may be {@code null}
     * @return the code, or empty if the value is not a valid code
     */
    public static Optional<MedicalInstitutionCode> tryParse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(value));
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }

    /**
     * Builds a code from its numbered parts, computing the check digit; meant for test and
     * demonstration data, since real codes are assigned by the Regional Bureau of Health and
     * Welfare (地方厚生局).
     *
     * @param prefecture the prefecture
     * @param feeSchedule the fee schedule
     * @param areaNumber the two-digit area number (郡市区番号)
     * @param institutionNumber the four-digit institution number (医療機関番号)
     * @return the complete code
     * @throws IllegalArgumentException if the numbers do not have two and four ASCII digits
     */
    public static MedicalInstitutionCode withCheckDigit(
            Prefecture prefecture, FeeSchedule feeSchedule, String areaNumber, String institutionNumber) {
        Objects.requireNonNull(prefecture, "prefecture");
        Objects.requireNonNull(feeSchedule, "feeSchedule");
        if (areaNumber.length() != 2 || !isAsciiDigits(areaNumber)) {
            throw new IllegalArgumentException("Area number must be 2 digits: '" + areaNumber + "'");
        }
        if (institutionNumber.length() != 4 || !isAsciiDigits(institutionNumber)) {
            throw new IllegalArgumentException(
                    "Institution number must be 4 digits: '" + institutionNumber + "'");
        }
        int checkDigit = computeCheckDigit(
                prefecture.code() + feeSchedule.digit() + areaNumber + institutionNumber);
        return new MedicalInstitutionCode(
                prefecture, feeSchedule, areaNumber + institutionNumber + checkDigit);
    }

    /**
     * Computes the check digit over the digits that precede it (modulus 10, weights 2 and 1
     * alternating from the rightmost digit, digits of each product summed).
     *
     * @param digits the ASCII digits the check digit protects; for an institution code the nine
     *     digits {@code PP S AA NNNN}
     * @return the check digit, 0–9
     * @throws IllegalArgumentException if {@code digits} is empty or contains a non-digit
     */
    public static int computeCheckDigit(CharSequence digits) {
        if (digits.length() == 0 || !isAsciiDigits(digits)) {
            throw new IllegalArgumentException("Expected ASCII digits: '" + digits + "'");
        }
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int product = (digits.charAt(i) - '0') * (doubled ? 2 : 1);
            sum += product / 10 + product % 10;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * Returns the full code.
     *
     * @return ten ASCII digits
     */
    public String value() {
        return prefecture.code() + feeSchedule.digit() + facilityCode;
    }

    /**
     * Returns the area number (郡市区番号).
     *
     * @return two ASCII digits
     */
    public String areaNumber() {
        return facilityCode.substring(0, 2);
    }

    /**
     * Returns the institution number within the area (医療機関番号).
     *
     * @return four ASCII digits
     */
    public String institutionNumber() {
        return facilityCode.substring(2, 6);
    }

    /**
     * Returns the check digit (検証番号).
     *
     * @return 0–9
     */
    public int checkDigit() {
        return facilityCode.charAt(6) - '0';
    }

    /** Returns {@link #value()}, so the code can be written where a string is expected. */
    @Override
    public String toString() {
        return value();
    }

    private static boolean isAsciiDigits(CharSequence text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
