package jp.renkei.terminology.text;

import java.text.Normalizer;
import java.util.Objects;

/**
 * Folds Japanese text so that spellings a person would consider the same compare equal.
 *
 * <p>{@link #fold(CharSequence)} is for general text (clinical notes, search terms) and
 * {@link #foldName(CharSequence)} for personal names. Both apply, in this order:
 *
 * <ol>
 *   <li>Unicode NFKC: full-width Latin letters and digits become half-width ({@code ＡＢＣ１２３}
 *       → {@code ABC123}), half-width katakana becomes full-width, and a half-width voiced or
 *       semi-voiced sound mark is composed with its kana ({@code ｶﾞ} → {@code ガ}, {@code ﾊﾟ} →
 *       {@code パ}). The spacing marks {@code ゛}/{@code ゜} (U+309B/U+309C), which legacy systems
 *       store after a kana, are composed the same way ({@code カ゛} → {@code ガ}). NFKC also maps
 *       compatibility ideographs to their unified form; it leaves supplementary-plane kanji such
 *       as {@code 𠮷} (U+20BB7) and {@code 𩸽} (U+29E3D) unchanged.
 *   <li>Kana folding: hiragana becomes katakana ({@code やまだ} → {@code ヤマダ}), including the
 *       iteration marks {@code ゝゞ} → {@code ヽヾ}. Katakana is the target because that is how
 *       Japanese patient registers store name readings (カナ氏名).
 *   <li>Lower-casing of cased letters (Latin, and any other cased script), code point by code
 *       point and independent of the default locale.
 *   <li>Removal of characters that are invisible but break equality: variation selectors
 *       (including the ideographic variation selectors U+E0100–U+E01EF that registers attach to
 *       name kanji, e.g. {@code 葛} + U+E0100), zero-width space and the byte order mark.
 * </ol>
 *
 * <p>Then {@link #fold(CharSequence)} trims and collapses each run of white space (including the
 * ideographic space U+3000) to a single ASCII space, while {@link #foldName(CharSequence)}
 * removes white space altogether together with the separators written between the parts of a
 * name: the middle dots {@code ・} (U+30FB), {@code ･} (U+FF65) and {@code ·} (U+00B7), the
 * double hyphen {@code ゠} (U+30A0) and {@code =} / {@code ＝}. So {@code ﾔﾏﾀﾞ ﾀﾛｳ},
 * {@code やまだ　たろう} and {@code ヤマダタロウ} all fold to {@code ヤマダタロウ}.
 *
 * <p>Deliberately not folded: small kana ({@code ャ} stays distinct from {@code ヤ}), the
 * prolonged sound mark {@code ー}, and variant kanji (異体字 such as {@code 髙}/{@code 高} or
 * {@code 﨑}/{@code 崎}, which NFKC keeps apart); each of these can distinguish two different
 * people, so matching on them is a decision for the caller.
 *
 * <p>All methods work on code points, never on single {@code char}s, so surrogate pairs survive.
 */
public final class JapaneseTextFolding {

    private static final int HIRAGANA_SMALL_A = 0x3041;
    private static final int HIRAGANA_SMALL_KE = 0x3096;
    private static final int HIRAGANA_ITERATION_MARK = 0x309D;
    private static final int HIRAGANA_VOICED_ITERATION_MARK = 0x309E;
    private static final int HIRAGANA_TO_KATAKANA = 0x60;

    private static final char SPACING_VOICED_MARK = '\u309B';
    private static final char SPACING_SEMI_VOICED_MARK = '\u309C';
    private static final char COMBINING_VOICED_MARK = '\u3099';
    private static final char COMBINING_SEMI_VOICED_MARK = '\u309A';

    private JapaneseTextFolding() {
    }

    /**
     * Folds general text: NFKC, hiragana to katakana, lower case, invisible characters removed,
     * white space trimmed and collapsed to single ASCII spaces.
     *
     * @param text the text to fold
     * @return the folded text, possibly empty
     */
    public static String fold(CharSequence text) {
        return foldCodePoints(text, false);
    }

    /**
     * Folds a personal name for comparison: everything {@link #fold(CharSequence)} does, and
     * additionally removes all white space and name separators (middle dots, double hyphens), so
     * that the family/given name boundary does not matter.
     *
     * @param name the name, in kanji, kana or Latin letters
     * @return the folded name, possibly empty
     */
    public static String foldName(CharSequence name) {
        return foldCodePoints(name, true);
    }

    /**
     * Tells whether a name is written in kana only, which means a search by it is a search by
     * reading (カナ氏名) rather than by kanji. Hiragana, katakana of either width, the prolonged
     * sound mark and the kana iteration marks count as kana; white space and the name separators
     * that {@link #foldName(CharSequence)} removes are ignored.
     *
     * @param text the text to test
     * @return {@code true} if the text contains at least one kana and nothing but kana and
     *     separators
     */
    public static boolean isKanaOnly(CharSequence text) {
        String folded = foldName(text);
        return !folded.isEmpty() && folded.codePoints().allMatch(JapaneseTextFolding::isKatakana);
    }

    private static String foldCodePoints(CharSequence text, boolean name) {
        Objects.requireNonNull(text, "text");
        String normalized = Normalizer.normalize(composableVoicedMarks(text), Normalizer.Form.NFKC);
        StringBuilder folded = new StringBuilder(normalized.length());
        boolean pendingSpace = false;
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isInvisible(codePoint) || (name && isNameSeparator(codePoint))) {
                continue;
            }
            if (isSpace(codePoint)) {
                pendingSpace = !name && folded.length() > 0;
                continue;
            }
            if (pendingSpace) {
                folded.append(' ');
                pendingSpace = false;
            }
            folded.appendCodePoint(Character.toLowerCase(toKatakana(codePoint)));
        }
        return folded.toString();
    }

    // NFKC turns U+309B into a space followed by the combining mark, which would then sit
    // after a space instead of composing with the preceding kana; the combining form composes.
    private static String composableVoicedMarks(CharSequence text) {
        return text.toString()
                .replace(SPACING_VOICED_MARK, COMBINING_VOICED_MARK)
                .replace(SPACING_SEMI_VOICED_MARK, COMBINING_SEMI_VOICED_MARK);
    }

    private static int toKatakana(int codePoint) {
        boolean hiragana = (codePoint >= HIRAGANA_SMALL_A && codePoint <= HIRAGANA_SMALL_KE)
                || codePoint == HIRAGANA_ITERATION_MARK
                || codePoint == HIRAGANA_VOICED_ITERATION_MARK;
        return hiragana ? codePoint + HIRAGANA_TO_KATAKANA : codePoint;
    }

    private static boolean isKatakana(int codePoint) {
        return (codePoint >= 0x30A1 && codePoint <= 0x30FA) // ァ..ヺ
                || (codePoint >= 0x30FC && codePoint <= 0x30FE) // ー ヽ ヾ
                || (codePoint >= 0x31F0 && codePoint <= 0x31FF) // small katakana extensions ㇰ..ㇿ
                || codePoint == COMBINING_VOICED_MARK
                || codePoint == COMBINING_SEMI_VOICED_MARK;
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isNameSeparator(int codePoint) {
        return codePoint == 0x30FB // ・ (NFKC also maps the half-width ･ here)
                || codePoint == 0x00B7 // ·
                || codePoint == 0x30A0 // ゠
                || codePoint == '='; // NFKC maps the full-width ＝ here
    }

    private static boolean isInvisible(int codePoint) {
        return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) // variation selectors
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF) // ideographic variation selectors
                || codePoint == 0x200B // zero-width space
                || codePoint == 0xFEFF; // byte order mark / zero-width no-break space
    }
}
