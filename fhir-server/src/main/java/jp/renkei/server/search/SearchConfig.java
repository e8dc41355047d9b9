package jp.renkei.server.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Search behaviour the platform adds to HAPI's: Japanese-aware full-text queries. */
@Configuration
public class SearchConfig {

	@Bean
	public JapaneseFullTextQueryInterceptor japaneseFullTextQueryInterceptor() {
		return new JapaneseFullTextQueryInterceptor();
	}
}
