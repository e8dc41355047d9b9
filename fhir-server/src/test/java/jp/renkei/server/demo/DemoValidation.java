package jp.renkei.server.demo;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import jp.renkei.server.conformance.ConformanceConfig;
import jp.renkei.server.conformance.ConformanceProperties;
import jp.renkei.server.conformance.ConformanceResources;
import jp.renkei.server.conformance.ProfileValidator;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@link ProfileValidator} the server uses, built without starting Spring: the conformance
 * settings are bound from the server's own application.yaml and wired by {@link ConformanceConfig},
 * so these tests validate against exactly the packages the server enforces. The packages are found
 * through {@code renkei.shared.dir} (or {@code RENKEI_FHIR_PACKAGES}), as in the server.
 */
public final class DemoValidation {

	private DemoValidation() {}

	public static ProfileValidator profileValidator(FhirContext fhirContext) {
		ConformanceProperties properties = conformanceProperties();
		ConformanceConfig config = new ConformanceConfig();
		ConformanceResources resources = config.conformanceResources(fhirContext, properties);
		return config.profileValidator(fhirContext, resources, properties);
	}

	private static ConformanceProperties conformanceProperties() {
		StandardEnvironment environment = new StandardEnvironment();
		try {
			new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
					.forEach(environment.getPropertySources()::addLast);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read application.yaml", e);
		}
		return Binder.get(environment).bind("renkei.conformance", ConformanceProperties.class).get();
	}
}
