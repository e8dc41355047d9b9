package jp.renkei.server.demo;

import java.text.Normalizer;
import java.util.Map;
import java.util.Random;

/**
 * What makes linking the region's Patient records hard on purpose, as real registers do: every
 * resident carries the same insurance member id (JP-CLINS, {@code 保険者番号:記号:番号:枝番}) at each
 * facility, but a few registrations are spelled differently (half-width or hiragana kana, a variant
 * kanji, no phone), and two residents are twins who share family name, birth date, address and home
 * phone and differ in given name and insurance branch number: the regional identity service must link
 * the former and keep the twins apart.
 */
final class IdentityCases {

	/** JP-CLINS 被保険者個人識別子. */
	static final String INSURANCE_SYSTEM = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";

	/** The twin (by person index) and their sibling: 伊藤 大輔 (0023) becomes 遠藤 大輔, twin of 遠藤 達也 (0022). */
	static final Map<Integer, Integer> TWINS = Map.of(23, 22);

	/** How one registration deviates from the person's usual data. */
	enum Quirk {
		NONE,
		/** the kana name in half-width katakana (legacy register): 石井 翔太 at c6 */
		HALF_WIDTH_KANA,
		/** the kana name typed in hiragana: 橋本 正男 at h1 */
		HIRAGANA_KANA,
		/** no telephone number: 藤田 大輔 at h3 */
		NO_PHONE,
		/** a variant kanji (渡邊 for 渡辺): 渡辺 正男 at h2 */
		KANJI_VARIANT
	}

	private static final Map<String, Quirk> QUIRKS = Map.of(
			"0005-c6", Quirk.HALF_WIDTH_KANA,
			"0009-h1", Quirk.HIRAGANA_KANA,
			"0015-h3", Quirk.NO_PHONE,
			"0033-h2", Quirk.KANJI_VARIANT);

	private static final String FULL_WIDTH = "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー";
	private static final String HALF_WIDTH = "ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ";
	private static final long SEED = 0x494E53L;

	private IdentityCases() {}

	static Quirk quirkOf(Registration registration) {
		return QUIRKS.getOrDefault(registration.idStem(), Quirk.NONE);
	}

	/**
	 * The person's insurance member id, from a random source of its own (so that no other data of the
	 * person shifts): an 8-digit insurer number, a 4-digit symbol, a number and branch number 00.
	 */
	static String insuranceMemberId(int personIndex) {
		Random random = new Random(SEED * 31 + personIndex);
		return "0612%04d:%04d:%d:00".formatted(random.nextInt(10_000), random.nextInt(10_000), 1 + random.nextInt(999_999));
	}

	/** A family member's id under the same insured person: the same number, branch number 01. */
	static String familyMemberId(String insuranceMemberId) {
		return insuranceMemberId.substring(0, insuranceMemberId.lastIndexOf(':') + 1) + "01";
	}

	/** Full-width katakana as a legacy register stores it in half-width (voiced marks as separate characters). */
	static String halfWidth(String katakana) {
		StringBuilder text = new StringBuilder();
		for (char c : Normalizer.normalize(katakana, Normalizer.Form.NFD).toCharArray()) {
			int at = FULL_WIDTH.indexOf(c);
			if (at >= 0) {
				text.append(HALF_WIDTH.charAt(at));
			} else if (c == '\u3099') {
				text.append('ﾞ');
			} else if (c == '\u309A') {
				text.append('ﾟ');
			} else {
				text.append(c);
			}
		}
		return text.toString();
	}

	/** Katakana typed as hiragana. */
	static String hiragana(String katakana) {
		StringBuilder text = new StringBuilder();
		katakana.codePoints().forEach(c -> text.appendCodePoint(c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c));
		return text.toString();
	}
}
