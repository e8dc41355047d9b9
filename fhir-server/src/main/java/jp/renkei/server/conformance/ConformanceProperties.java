package jp.renkei.server.conformance;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which conformance packages the server validates against ({@code renkei.conformance.*}).
 *
 * @param packages FHIR NPM packages (JP Core first); each from a file or from the package registry
 * @param extraDefinitions folders of single conformance resources (JSON) to load as well, e.g. the R4
 *     core extensions JP Core pins with {@code |4.0.1}
 * @param profileNamespace canonical prefix of the profiles a required type must claim (or derive from)
 * @param requiredProfileTypes resource types that must claim a profile from {@code profileNamespace}
 * @param validateUnprofiled whether resources claiming no profile are validated against the base spec
 * @param packageCacheDirectory where packages fetched from the registry are cached
 */
@ConfigurationProperties("renkei.conformance")
public record ConformanceProperties(
		@DefaultValue List<PackageSource> packages,
		@DefaultValue List<String> extraDefinitions,
		@DefaultValue("http://jpfhir.jp/fhir/core/StructureDefinition/") String profileNamespace,
		@DefaultValue({
			"Patient", "Encounter", "Organization", "Practitioner", "ImagingStudy",
			"Condition", "AllergyIntolerance", "MedicationRequest", "Observation"
		})
		List<String> requiredProfileTypes,
		@DefaultValue("true") boolean validateUnprofiled,
		@DefaultValue("") String packageCacheDirectory) {

	/**
	 * One FHIR NPM package.
	 *
	 * @param name package name, e.g. {@code jp-core.r4}
	 * @param version package version, e.g. {@code 1.2.0}
	 * @param location a {@code .tgz} file or an unpacked package folder, or a {@code classpath:} folder;
	 *     empty = fetch {@code name#version} from the FHIR package registry
	 */
	public record PackageSource(String name, String version, @DefaultValue("") String location) {}
}
