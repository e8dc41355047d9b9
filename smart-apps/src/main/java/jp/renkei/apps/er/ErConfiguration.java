package jp.renkei.apps.er;

import jp.renkei.apps.smart.SmartApp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ER lookup app as a SMART app: launched at {@code /er/launch} (EHR) and {@code /er/start} (standalone). */
@Configuration(proxyBeanMethods = false)
class ErConfiguration {

	static final String APP_ID = "er";

	@Bean
	SmartApp erApp(ErProperties properties) {
		return new SmartApp(APP_ID, "er.title", properties.ehrScope(), properties.standaloneScope(), "/er");
	}
}
