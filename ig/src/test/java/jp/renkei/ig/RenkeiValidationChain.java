package jp.renkei.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * The validation chain the shared README proves on all 76 JP Core examples (JP Core 1.2.0, the
 * pinned R4 core extensions, the stop-gap JP terminology), plus our own package read from the
 * classpath exactly as a consumer would read it: {@code renkei-ig/renkei.r4-0.1.0.tgz}.
 */
final class RenkeiValidationChain {

    static final String OUR_PACKAGE = "classpath:renkei-ig/renkei.r4-0.1.0.tgz";

    private final FhirContext fhirContext;
    private final ValidationSupportChain chain;
    private final FhirValidator validator;

    private RenkeiValidationChain(FhirContext fhirContext, ValidationSupportChain chain) {
        this.fhirContext = fhirContext;
        this.chain = chain;
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        // As fhir-server does: a profile nobody knows is an error, not something to skip.
        instanceValidator.setErrorForUnknownProfiles(true);
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    /**
     * Builds the chain.
     *
     * @param fhirPackages the shared {@code fhir-packages} folder; every file this needs must be there
     */
    static RenkeiValidationChain load(FhirContext fhirContext, Path fhirPackages) throws IOException {
        PrePopulatedValidationSupport jpCore = new PrePopulatedValidationSupport(fhirContext);
        addPackage(jpCore, fhirContext, fhirPackages.resolve("jp-core.r4-1.2.0.tgz"));
        addPackage(jpCore, fhirContext, fhirPackages.resolve("jpcore.terminologies-external.local-1.2.0-local.tgz"));
        addFolder(jpCore, fhirContext, fhirPackages.resolve("core-extensions-pinned"));

        NpmPackageValidationSupport ours = new NpmPackageValidationSupport(fhirContext);
        ours.loadPackageFromClasspath(OUR_PACKAGE);

        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);

        ValidationSupportChain chain = new ValidationSupportChain(
                ours,
                jpCore,
                new DefaultProfileValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext),
                unknownCodeSystems);
        return new RenkeiValidationChain(fhirContext, chain);
    }

    ValidationSupportChain support() {
        return chain;
    }

    ValidationResult validate(IBaseResource resource) {
        return validator.validateWithResult(resource);
    }

    private static void addPackage(PrePopulatedValidationSupport target, FhirContext fhirContext, Path tgz)
            throws IOException {
        requireFile(tgz);
        NpmPackage npm;
        try (InputStream in = Files.newInputStream(tgz)) {
            npm = NpmPackage.fromPackage(in);
        }
        for (String file : npm.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
            try (InputStream in = npm.load("package", file)) {
                target.addResource(fhirContext.newJsonParser().parseResource(in));
            }
        }
    }

    private static void addFolder(PrePopulatedValidationSupport target, FhirContext fhirContext, Path folder)
            throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("Missing folder " + folder);
        }
        List<Path> files;
        try (Stream<Path> paths = Files.list(folder)) {
            files = paths.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("No JSON resources in " + folder);
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                target.addResource(fhirContext.newJsonParser().parseResource(in));
            }
        }
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Missing " + file);
        }
    }

    FhirContext fhirContext() {
        return fhirContext;
    }
}
