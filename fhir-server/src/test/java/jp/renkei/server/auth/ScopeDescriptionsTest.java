package jp.renkei.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ScopeDescriptionsTest {

	private final ScopeDescriptions descriptions = new ScopeDescriptions(messages());

	@Test
	void clinicalScopesAreComposedInPlainJapaneseAndEnglish() {
		assertThat(descriptions.describe("patient/Observation.rs", Locale.JAPANESE)).isEqualTo("この患者の検査結果・バイタルを閲覧・検索");
		assertThat(descriptions.describe("user/*.cruds", Locale.JAPANESE)).isEqualTo("あなたが扱える患者のすべての記録を作成・閲覧・更新・削除・検索");
		assertThat(descriptions.describe("patient/*.read", Locale.ENGLISH)).isEqualTo("read, search: all records (of this patient)");
		assertThat(descriptions.describe("patient/Observation.rs?category=laboratory", Locale.JAPANESE))
				.isEqualTo("この患者の検査結果・バイタルを閲覧・検索 (category=laboratory)");
		assertThat(descriptions.describe("patient/Basic.rs", Locale.JAPANESE)).isEqualTo("この患者のBasicを閲覧・検索");
	}

	@Test
	void otherScopesHaveFixedTexts() {
		assertThat(descriptions.describe("launch/patient", Locale.JAPANESE)).isEqualTo("選んだ患者をアプリに伝える");
		assertThat(descriptions.describe("offline_access", Locale.ENGLISH)).startsWith("Let the app keep access after you sign out");
		assertThat(descriptions.describe("unknown-scope", Locale.JAPANESE)).isEqualTo("unknown-scope");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setDefaultLocale(Locale.JAPANESE);
		return messages;
	}
}
