package jp.renkei.server.demo;

import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.HumanName;

/**
 * Pools of Japanese family and given names, each with its katakana reading, from which the demo
 * people are drawn. A few family names are written with kanji outside the Basic Multilingual Plane
 * (𠮷, 𡈽, 𩸽: four bytes in UTF-8), because real registers contain them and every layer (database
 * columns, search indexes, JSON) must keep them intact.
 */
final class JapaneseNames {

	/** A name part in kanji (漢字) and its reading in katakana (カナ). */
	record NamePart(String kanji, String kana) {}

	static final List<NamePart> FAMILY_NAMES = List.of(
			new NamePart("佐藤", "サトウ"), new NamePart("鈴木", "スズキ"), new NamePart("高橋", "タカハシ"),
			new NamePart("田中", "タナカ"), new NamePart("伊藤", "イトウ"), new NamePart("渡辺", "ワタナベ"),
			new NamePart("山本", "ヤマモト"), new NamePart("中村", "ナカムラ"), new NamePart("小林", "コバヤシ"),
			new NamePart("加藤", "カトウ"), new NamePart("吉田", "ヨシダ"), new NamePart("山田", "ヤマダ"),
			new NamePart("佐々木", "ササキ"), new NamePart("山口", "ヤマグチ"), new NamePart("松本", "マツモト"),
			new NamePart("井上", "イノウエ"), new NamePart("木村", "キムラ"), new NamePart("林", "ハヤシ"),
			new NamePart("斎藤", "サイトウ"), new NamePart("清水", "シミズ"), new NamePart("山崎", "ヤマザキ"),
			new NamePart("森", "モリ"), new NamePart("池田", "イケダ"), new NamePart("橋本", "ハシモト"),
			new NamePart("阿部", "アベ"), new NamePart("石川", "イシカワ"), new NamePart("石井", "イシイ"),
			new NamePart("小川", "オガワ"), new NamePart("前田", "マエダ"), new NamePart("岡田", "オカダ"),
			new NamePart("長谷川", "ハセガワ"), new NamePart("藤田", "フジタ"), new NamePart("後藤", "ゴトウ"),
			new NamePart("近藤", "コンドウ"), new NamePart("村上", "ムラカミ"), new NamePart("遠藤", "エンドウ"),
			new NamePart("青木", "アオキ"), new NamePart("坂本", "サカモト"), new NamePart("髙橋", "タカハシ"),
			new NamePart("齋藤", "サイトウ"), new NamePart("渡邉", "ワタナベ"), new NamePart("菊地", "キクチ"),
			new NamePart("鴇田", "トキタ"), new NamePart("布施", "フセ"), new NamePart("鶴岡", "ツルオカ"));

	static final List<NamePart> FOUR_BYTE_FAMILY_NAMES = List.of(
			new NamePart("𠮷田", "ヨシダ"), new NamePart("𡈽屋", "ツチヤ"), new NamePart("𩸽野", "ホッケノ"),
			new NamePart("𠮷川", "ヨシカワ"));

	static final List<NamePart> MALE_GIVEN_NAMES = List.of(
			new NamePart("太郎", "タロウ"), new NamePart("一郎", "イチロウ"), new NamePart("健一", "ケンイチ"),
			new NamePart("浩", "ヒロシ"), new NamePart("誠", "マコト"), new NamePart("隆", "タカシ"),
			new NamePart("翔太", "ショウタ"), new NamePart("大輔", "ダイスケ"), new NamePart("健太", "ケンタ"),
			new NamePart("拓也", "タクヤ"), new NamePart("和夫", "カズオ"), new NamePart("茂", "シゲル"),
			new NamePart("勇", "イサム"), new NamePart("正男", "マサオ"), new NamePart("修", "オサム"),
			new NamePart("蓮", "レン"), new NamePart("悠真", "ユウマ"), new NamePart("陽翔", "ハルト"),
			new NamePart("達也", "タツヤ"), new NamePart("清", "キヨシ"), new NamePart("實", "ミノル"));

	static final List<NamePart> FEMALE_GIVEN_NAMES = List.of(
			new NamePart("花子", "ハナコ"), new NamePart("幸子", "サチコ"), new NamePart("恵子", "ケイコ"),
			new NamePart("陽子", "ヨウコ"), new NamePart("由美子", "ユミコ"), new NamePart("美咲", "ミサキ"),
			new NamePart("愛", "アイ"), new NamePart("陽菜", "ヒナ"), new NamePart("結衣", "ユイ"),
			new NamePart("真由美", "マユミ"), new NamePart("久美子", "クミコ"), new NamePart("和子", "カズコ"),
			new NamePart("節子", "セツコ"), new NamePart("明美", "アケミ"), new NamePart("直美", "ナオミ"),
			new NamePart("智子", "トモコ"), new NamePart("さくら", "サクラ"), new NamePart("葵", "アオイ"),
			new NamePart("千尋", "チヒロ"), new NamePart("芳子", "ヨシコ"), new NamePart("ミツ", "ミツ"));

	private JapaneseNames() {}

	/** The name written in kanji, as JP Core marks it: iso21090-EN-representation {@code IDE}. */
	static HumanName kanji(NamePart family, NamePart given) {
		return humanName(family.kanji(), given.kanji(), "IDE");
	}

	/** The reading in katakana, marked {@code SYL} (syllabic). */
	static HumanName kana(NamePart family, NamePart given) {
		return humanName(family.kana(), given.kana(), "SYL");
	}

	private static HumanName humanName(String family, String given, String representation) {
		HumanName name = new HumanName()
				.setUse(HumanName.NameUse.OFFICIAL)
				.setText(family + " " + given)
				.setFamily(family)
				.addGiven(given);
		name.addExtension(Canonicals.EXT_NAME_REPRESENTATION, new CodeType(representation));
		return name;
	}

	static NamePart pick(List<NamePart> pool, Random random) {
		return pool.get(random.nextInt(pool.size()));
	}
}
