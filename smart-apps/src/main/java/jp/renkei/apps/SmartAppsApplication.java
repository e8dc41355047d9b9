package jp.renkei.apps;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The regional network's SMART on FHIR apps (救急, 空床, 紹介状), server-rendered in one Spring Boot app.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmartAppsApplication {

	/** Times shown to clinicians are Japan Standard Time, whatever zone the host runs in. */
	@Bean
	Clock clock() {
		return Clock.system(ZoneId.of("Asia/Tokyo"));
	}

	public static void main(String[] args) {
		SpringApplication.run(SmartAppsApplication.class, args);
	}
}
