package jp.renkei.server.search;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.StringParam;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.renkei.server.config.FhirServerInterceptor;

/**
 * Makes {@code _content} and {@code _text} find Japanese words.
 *
 * <p>HAPI turns every unquoted full-text term into a prefix query ({@code 心筋梗塞*}). Prefix
 * queries are not analysed, while the index splits Japanese text into single kanji/kana tokens,
 * so a Japanese word of two or more characters never matches. Quoting such a term turns it into
 * an analysed phrase query (心 筋 梗 塞, adjacent), which matches the word wherever it occurs.
 * Latin terms keep HAPI's prefix behaviour.
 */
@Interceptor
public class JapaneseFullTextQueryInterceptor implements FhirServerInterceptor {

	private static final List<String> FULL_TEXT_PARAMETERS = List.of("_content", "_text");
	private static final Pattern JAPANESE = Pattern.compile(
			"[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\x{3000}-\\x{303F}\\x{FF00}-\\x{FFEF}]");
	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\x{3000}]+");

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void quoteJapaneseTerms(SearchParameterMap searchParameterMap) {
		for (String parameter : FULL_TEXT_PARAMETERS) {
			List<List<IQueryParameterType>> andList = searchParameterMap.get(parameter);
			if (andList == null) {
				continue;
			}
			for (List<IQueryParameterType> orList : andList) {
				for (IQueryParameterType value : orList) {
					if (value instanceof StringParam string && string.getValue() != null) {
						string.setValue(quoteJapaneseTerms(string.getValue()));
					}
				}
			}
		}
	}

	/** Quotes each whitespace-separated term that contains Japanese characters. */
	static String quoteJapaneseTerms(String query) {
		if (query.indexOf('"') >= 0 || !JAPANESE.matcher(query).find()) {
			return query;
		}
		List<String> terms = new ArrayList<>();
		for (String term : WHITESPACE.split(query.strip())) {
			if (!term.isEmpty()) {
				terms.add(JAPANESE.matcher(term).find() ? '"' + term + '"' : term);
			}
		}
		return terms.stream().collect(Collectors.joining(" "));
	}
}
