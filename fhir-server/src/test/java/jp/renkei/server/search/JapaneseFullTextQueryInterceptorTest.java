package jp.renkei.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.StringParam;
import org.junit.jupiter.api.Test;

class JapaneseFullTextQueryInterceptorTest {

	@Test
	void quotesJapaneseTermsAndLeavesLatinTermsAsPrefixes() {
		assertThat(JapaneseFullTextQueryInterceptor.quoteJapaneseTerms("心筋梗塞")).isEqualTo("\"心筋梗塞\"");
		assertThat(JapaneseFullTextQueryInterceptor.quoteJapaneseTerms("急性　心筋梗塞 ecg"))
				.isEqualTo("\"急性\" \"心筋梗塞\" ecg");
		assertThat(JapaneseFullTextQueryInterceptor.quoteJapaneseTerms("𠮷田")).isEqualTo("\"𠮷田\"");
		assertThat(JapaneseFullTextQueryInterceptor.quoteJapaneseTerms("myocardial")).isEqualTo("myocardial");
	}

	@Test
	void leavesQueriesTheClientAlreadyQuoted() {
		assertThat(JapaneseFullTextQueryInterceptor.quoteJapaneseTerms("\"心筋 梗塞\"")).isEqualTo("\"心筋 梗塞\"");
	}

	@Test
	void rewritesContentAndTextParametersOfTheSearch() {
		SearchParameterMap map = new SearchParameterMap();
		map.add("_content", new StringParam("心筋梗塞"));
		map.add("_text", new StringParam("タカハシ"));
		map.add("name", new StringParam("山田"));

		new JapaneseFullTextQueryInterceptor().quoteJapaneseTerms(map);

		assertThat(((StringParam) map.get("_content").get(0).get(0)).getValue()).isEqualTo("\"心筋梗塞\"");
		assertThat(((StringParam) map.get("_text").get(0).get(0)).getValue()).isEqualTo("\"タカハシ\"");
		assertThat(((StringParam) map.get("name").get(0).get(0)).getValue()).isEqualTo("山田");
	}
}
