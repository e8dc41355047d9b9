package jp.renkei.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the JP Core validation chain and the write-time profile enforcement. */
@Configuration
public class ConformanceConfig {

	/** Search parameters the platform defines itself (R5 ones R4 lacks). */
	static final String PROJECT_SEARCH_PARAMETERS = "classpath:conformance/search-parameters";

	/** The packages' conformance resources, loaded once at start. */
	@Bean
	public ConformanceResources conformanceResources(FhirContext fhirContext, ConformanceProperties properties) {
		ConformancePackageLoader loader = new ConformancePackageLoader(fhirContext, properties.packageCacheDirectory());
		List<IBaseResource> resources = new ArrayList<>();
		properties.packages().forEach(source -> resources.addAll(loader.load(source)));
		properties.extraDefinitions().stream()
				.filter(folder -> !folder.isBlank())
				.forEach(folder -> resources.addAll(loader.loadFolder(Path.of(folder))));
		return new ConformanceResources(resources);
	}

	@Bean
	public SearchParameterInstaller searchParameterInstaller(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			ISearchParamRegistry searchParamRegistry,
			ConformanceResources resources) {
		ConformancePackageLoader loader = new ConformancePackageLoader(fhirContext, "");
		List<IBaseResource> projectSearchParameters = loader.load(
				new ConformanceProperties.PackageSource("renkei.search-parameters", "0.1.0", PROJECT_SEARCH_PARAMETERS));
		return new SearchParameterInstaller(
				fhirContext, daoRegistry, searchParamRegistry, resources, projectSearchParameters);
	}

	@Bean
	@ConditionalOnProperty(name = "renkei.conformance.validate-on-write", havingValue = "false")
	public ValidationOffWarning validationOffWarning() {
		return new ValidationOffWarning();
	}

	/** Says loudly that writes are not validated. */
	static final class ValidationOffWarning {
		ValidationOffWarning() {
			LoggerFactory.getLogger(ConformanceConfig.class).warn(
					"renkei.conformance.validate-on-write=false: writes are NOT validated against JP Core. "
							+ "Use only for measurements or data validated elsewhere.");
		}
	}

	@Bean
	public ProfileValidator profileValidator(
			FhirContext fhirContext, ConformanceResources resources, ConformanceProperties properties) {
		return new ProfileValidator(fhirContext, validationChain(fhirContext, resources), properties);
	}

	/**
	 * Validation on write, on unless {@code renkei.conformance.validate-on-write=false} (only for
	 * measuring its cost or bulk-loading data validated elsewhere; logged as a warning).
	 */
	@Bean
	@ConditionalOnProperty(name = "renkei.conformance.validate-on-write", havingValue = "true", matchIfMissing = true)
	public ProfileEnforcementInterceptor profileEnforcementInterceptor(
			FhirContext fhirContext, ProfileValidator validator) {
		return new ProfileEnforcementInterceptor(fhirContext, validator);
	}

	/**
	 * The chain the shared JP Core README verified (0 errors on all 76 examples): the packages first,
	 * then R4 core, snapshot generation and in-memory terminology; code systems we cannot know
	 * (LOINC, MEDIS, JLAC10, ...) give warnings, not errors.
	 */
	public static IValidationSupport validationChain(FhirContext fhirContext, ConformanceResources resources) {
		PrePopulatedValidationSupport packages = new PrePopulatedValidationSupport(fhirContext);
		resources.all().forEach(packages::addResource);
		UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
				new UnknownCodeSystemWarningValidationSupport(fhirContext);
		unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		return new ValidationSupportChain(
				ValidationSupportChain.CacheConfiguration.defaultValues(),
				packages,
				new DefaultProfileValidationSupport(fhirContext),
				new SnapshotGeneratingValidationSupport(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext),
				unknownCodeSystems);
	}
}
