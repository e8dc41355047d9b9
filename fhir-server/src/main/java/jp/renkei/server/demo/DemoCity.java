package jp.renkei.server.demo;

import java.util.List;

/**
 * Municipalities of the fictional region in 千葉県 (the 房総 area south-east of Tokyo Bay), with the
 * first three digits of their postal codes, telephone area codes, a centre point for geolocation,
 * the two-digit area number used in the demo facilities' institution codes, and a few town names
 * for addresses. Facility names, street numbers and area numbers are invented.
 */
enum DemoCity {
	CHIBA_CHUO("千葉市中央区", "260", "043", 35.6074, 140.1065, "01", List.of("本千葉町", "亥鼻", "院内", "弁天", "椿森", "新宿")),
	ICHIHARA("市原市", "290", "0436", 35.4980, 140.1155, "02", List.of("五井", "八幡", "姉崎", "辰巳台東", "国分寺台中央")),
	KISARAZU("木更津市", "292", "0438", 35.3760, 139.9170, "03", List.of("富士見", "中央", "潮見", "請西", "清見台")),
	SODEGAURA("袖ケ浦市", "299", "0438", 35.4299, 139.9544, "04", List.of("福王台", "長浦駅前", "蔵波台", "神納")),
	KIMITSU("君津市", "299", "0439", 35.3303, 139.9026, "05", List.of("久保", "南子安", "中野", "北子安")),
	MOBARA("茂原市", "297", "0475", 35.4285, 140.2881, "06", List.of("千代田町", "高師", "本納", "茂原"));

	static final String PREFECTURE = "千葉県";

	private final String name;
	private final String postalPrefix;
	private final String phoneAreaCode;
	private final double latitude;
	private final double longitude;
	private final String areaNumber;
	private final List<String> towns;

	DemoCity(String name, String postalPrefix, String phoneAreaCode, double latitude, double longitude,
			String areaNumber, List<String> towns) {
		this.name = name;
		this.postalPrefix = postalPrefix;
		this.phoneAreaCode = phoneAreaCode;
		this.latitude = latitude;
		this.longitude = longitude;
		this.areaNumber = areaNumber;
		this.towns = towns;
	}

	String cityName() {
		return name;
	}

	String postalPrefix() {
		return postalPrefix;
	}

	String phoneAreaCode() {
		return phoneAreaCode;
	}

	double latitude() {
		return latitude;
	}

	double longitude() {
		return longitude;
	}

	String areaNumber() {
		return areaNumber;
	}

	List<String> towns() {
		return towns;
	}
}
