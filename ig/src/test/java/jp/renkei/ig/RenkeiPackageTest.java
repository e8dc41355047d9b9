package jp.renkei.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.util.ClasspathUtil;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the package {@code renkei.r4} as other modules load it from the classpath: HAPI builds a
 * snapshot of every profile, every example is valid against its profile, each profile rejects an
 * instance that breaks its key rule, and the CapabilityStatement names profiles the chain knows.
 *
 * <p>Needs the shared JP Core files: skipped only when the system property
 * {@code renkei.shared.dir} is not set (Maven sets it); fails when it is set but files are missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenkeiPackageTest {

    private static final String CANONICAL = "http://renkei.example.jp/fhir/StructureDefinition/";
    private static final String SHARED_DIR_PROPERTY = "renkei.shared.dir";

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private RenkeiValidationChain chain;
    private NpmPackage ourPackage;

    @BeforeAll
    void loadPackages() throws IOException {
        try (InputStream in = ClasspathUtil.loadResourceAsStream(RenkeiValidationChain.OUR_PACKAGE)) {
            ourPackage = NpmPackage.fromPackage(in);
        }
        String sharedDir = System.getProperty(SHARED_DIR_PROPERTY);
        if (sharedDir == null || sharedDir.isBlank()) {
            return; // every test is skipped by requireSharedDir()
        }
        Path fhirPackages = Path.of(sharedDir, "fhir-packages");
        if (!Files.isDirectory(fhirPackages)) {
            fail(SHARED_DIR_PROPERTY + "=" + sharedDir + " but " + fhirPackages + " does not exist");
        }
        chain = RenkeiValidationChain.load(fhirContext, fhirPackages);
    }

    @BeforeEach
    void requireSharedDir() {
        Assumptions.assumeTrue(chain != null, "System property " + SHARED_DIR_PROPERTY + " is not set (Maven's"
                + " Surefire sets it from the root pom), so JP Core 1.2.0 cannot be found: IG validation skipped.");
    }

    @Test
    @DisplayName("package.json names renkei.r4 0.1.0 for FHIR 4.0.1 on JP Core 1.2.0")
    void packageManifest() {
        assertThat(ourPackage.name()).isEqualTo("renkei.r4");
        assertThat(ourPackage.version()).isEqualTo("0.1.0");
        assertThat(ourPackage.fhirVersion()).isEqualTo("4.0.1");
        assertThat(ourPackage.dependencies()).contains("jp-core.r4#1.2.0");
        assertThat(ourPackage.canonical()).isEqualTo("http://renkei.example.jp/fhir");
    }

    static Stream<String> profileUrls() {
        return Stream.of("renkei-organization", "renkei-bed-location", "renkei-consent",
                "renkei-document-reference").map(id -> CANONICAL + id);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Profiles {

        @Test
        void thePackageHoldsExactlyOurFourProfilesAndTheWithdrawalExtension() throws IOException {
            List<String> urls = new ArrayList<>();
            for (Resource resource : packageResources("package")) {
                if (resource instanceof StructureDefinition definition) {
                    urls.add(definition.getUrl());
                }
            }
            List<String> expected = new ArrayList<>(profileUrls().toList());
            expected.add(CANONICAL + "renkei-consent-withdrawal");
            assertThat(urls).containsExactlyInAnyOrderElementsOf(expected);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("jp.renkei.ig.RenkeiPackageTest#profileUrls")
        void hapiGeneratesASnapshotThatKeepsOurConstraints(String url) {
            StructureDefinition differential = (StructureDefinition) chain.support().fetchStructureDefinition(url);
            assertThat(differential).as(url).isNotNull();
            StructureDefinition snapshot = (StructureDefinition) chain.support().generateSnapshot(
                    new ValidationSupportContext(chain.support()), differential.copy(), url, null, differential.getName());

            assertThat(snapshot).as("snapshot of " + url).isNotNull();
            assertThat(snapshot.getSnapshot().getElement()).hasSizeGreaterThan(differential.getDifferential()
                    .getElement().size());
            Map<String, ElementDefinition> byId = snapshot.getSnapshot().getElement().stream()
                    .collect(Collectors.toMap(ElementDefinition::getId, e -> e, (a, b) -> a));
            for (ElementDefinition constrained : differential.getDifferential().getElement()) {
                assertThat(byId).as("snapshot of %s has %s", url, constrained.getId())
                        .containsKey(constrained.getId());
                if (constrained.hasMin()) {
                    assertThat(byId.get(constrained.getId()).getMin()).as(constrained.getId())
                            .isEqualTo(constrained.getMin());
                }
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Examples {

        Stream<Arguments> examples() throws IOException {
            List<Resource> examples = packageResources("example");
            assertThat(examples).as("examples in package/example").isNotEmpty();
            return examples.stream().map(example -> Arguments.of(example.fhirType() + "/" + example.getIdPart(), example));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("examples")
        void everyExampleClaimsAProfileAndIsValidAgainstIt(String name, Resource example) {
            assertThat(example.getMeta().getProfile()).as(name + " meta.profile").isNotEmpty();

            List<SingleValidationMessage> errors = errors(chain.validate(example));

            assertThat(errors).as(name + describe(errors)).isEmpty();
        }

        @Test
        void everyProfileOfOursHasAnExample() throws IOException {
            List<String> claimed = packageResources("example").stream()
                    .flatMap(example -> example.getMeta().getProfile().stream())
                    .map(CanonicalType::getValue)
                    .toList();
            assertThat(claimed).containsAll(profileUrls().toList());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BrokenInstances {

        Stream<Arguments> brokenInstances() {
            return Stream.of(
                    broken("RenkeiOrganization without 医療機関コード",
                            "Organization-renkei-organization-chiba-minato-hospital", Organization.class,
                            org -> org.getIdentifier().clear(),
                            "Organization", "Organization.identifier:medicalInstitutionCode"),
                    broken("RenkeiOrganization identified only by another system",
                            "Organization-renkei-organization-chiba-minato-hospital", Organization.class,
                            org -> org.getIdentifierFirstRep().setSystem("urn:oid:1.2.392.100495.20.3.99"),
                            "Organization", "Organization.identifier:medicalInstitutionCode"),
                    broken("RenkeiOrganization with a 9-digit 医療機関コード",
                            "Organization-renkei-organization-chiba-minato-hospital", Organization.class,
                            org -> org.getIdentifierFirstRep().setValue("121011234"),
                            "Organization.identifier[0]", "renkei-org-1"),
                    broken("RenkeiOrganization without type",
                            "Organization-renkei-organization-chiba-minato-hospital", Organization.class,
                            org -> org.getType().clear(),
                            "Organization", "Organization.type"),
                    broken("RenkeiBedLocation without operationalStatus",
                            "Location-renkei-bed-chiba-minato-5e-512-2", Location.class,
                            bed -> bed.setOperationalStatus(null),
                            "Location", "Location.operationalStatus"),
                    broken("RenkeiBedLocation with a bed status outside v2-0116",
                            "Location-renkei-bed-chiba-minato-5e-512-2", Location.class,
                            bed -> bed.setOperationalStatus(new Coding(
                                    "http://terminology.hl7.org/CodeSystem/v2-0116", "X", "unknown")),
                            "Location.operationalStatus", "v2-0116"),
                    broken("RenkeiBedLocation that is a ward, not a bed",
                            "Location-renkei-bed-chiba-minato-5e-512-2", Location.class,
                            bed -> bed.setPhysicalType(new CodeableConcept(new Coding(
                                    "http://terminology.hl7.org/CodeSystem/location-physical-type", "wa", "Ward"))),
                            "Location.physicalType", "bd"),
                    broken("RenkeiBedLocation without its ward (partOf)",
                            "Location-renkei-bed-chiba-minato-5e-512-2", Location.class,
                            bed -> bed.setPartOf(null),
                            "Location", "Location.partOf"),
                    broken("RenkeiBedLocation without managingOrganization",
                            "Location-renkei-bed-chiba-minato-5e-512-2", Location.class,
                            bed -> bed.setManagingOrganization(null),
                            "Location", "Location.managingOrganization"),
                    broken("RenkeiConsent without patient",
                            "Consent-renkei-consent-comprehensive-chiba-hanako", Consent.class,
                            consent -> consent.setPatient(null),
                            "Consent", "Consent.patient"),
                    broken("RenkeiConsent without the facility that obtained it",
                            "Consent-renkei-consent-comprehensive-chiba-hanako", Consent.class,
                            consent -> consent.getOrganization().clear(),
                            "Consent", "Consent.organization"),
                    broken("RenkeiConsent without the regional policy",
                            "Consent-renkei-consent-comprehensive-chiba-hanako", Consent.class,
                            consent -> consent.setPolicyRule(null),
                            "Consent", "Consent.policyRule"),
                    broken("RenkeiConsent per facility that names no facility",
                            "Consent-renkei-consent-per-facility-chiba-hanako", Consent.class,
                            consent -> consent.getProvision().getActor().clear(),
                            "Consent", "renkei-consent-1"),
                    broken("RenkeiConsent without provision.type",
                            "Consent-renkei-consent-comprehensive-chiba-hanako", Consent.class,
                            consent -> consent.getProvision().setType(null),
                            "Consent.provision", "Consent.provision.type"),
                    broken("RenkeiConsent still active but recording a withdrawal",
                            "Consent-renkei-consent-withdrawn-chiba-hanako", Consent.class,
                            consent -> consent.setStatus(Consent.ConsentState.ACTIVE),
                            "Consent", "renkei-consent-3"),
                    broken("RenkeiConsent withdrawal without its date",
                            "Consent-renkei-consent-withdrawn-chiba-hanako", Consent.class,
                            consent -> consent.getExtensionByUrl(CANONICAL + "renkei-consent-withdrawal")
                                    .getExtension().removeIf(part -> part.getUrl().equals("date")),
                            "Consent.extension[0]", "Extension.extension:date"),
                    broken("RenkeiConsent exclusion naming neither a category nor a resource type",
                            "Consent-renkei-consent-comprehensive-chiba-hanako", Consent.class,
                            consent -> consent.getProvision().getProvisionFirstRep().getSecurityLabel().clear(),
                            "Consent.provision.provision[0]", "renkei-consent-2"),
                    broken("RenkeiConsent facility whose role is not information recipient",
                            "Consent-renkei-consent-per-facility-chiba-hanako", Consent.class,
                            consent -> consent.getProvision().getActorFirstRep().getRole().getCodingFirstRep().setCode("PRF"),
                            "Consent.provision.actor[0].role", "IRCP"),
                    broken("RenkeiDocumentReference without custodian",
                            "DocumentReference-renkei-docref-referral-chiba-hanako", DocumentReference.class,
                            document -> document.setCustodian(null),
                            "DocumentReference", "DocumentReference.custodian"),
                    broken("RenkeiDocumentReference without subject",
                            "DocumentReference-renkei-docref-referral-chiba-hanako", DocumentReference.class,
                            document -> document.setSubject(null),
                            "DocumentReference", "DocumentReference.subject"),
                    broken("RenkeiDocumentReference whose content has neither url nor data",
                            "DocumentReference-renkei-docref-referral-chiba-hanako", DocumentReference.class,
                            document -> document.getContentFirstRep().getAttachment().setUrl(null),
                            "DocumentReference.content[0].attachment", "renkei-docref-1"),
                    broken("RenkeiDocumentReference without contentType",
                            "DocumentReference-renkei-docref-referral-chiba-hanako", DocumentReference.class,
                            document -> document.getContentFirstRep().getAttachment().setContentType(null),
                            "DocumentReference.content[0].attachment", "DocumentReference.content.attachment.contentType"));
        }

        /*
         * HAPI reports a missing element at the element that should contain it (location "Consent")
         * and names the missing element in the message ("Consent.patient: minimum required = 1");
         * an invariant is reported at the element it is defined on, by its key.
         */
        @ParameterizedTest(name = "{0}")
        @MethodSource("brokenInstances")
        void isRejectedWithAnErrorAtTheBrokenElement(
                String name, Resource instance, String expectedLocation, String expectedInMessage) {
            List<SingleValidationMessage> errors = errors(chain.validate(instance));

            assertThat(errors)
                    .as("%s: an error at %s naming %s; got %s", name, expectedLocation, expectedInMessage,
                            describe(errors))
                    .anySatisfy(error -> {
                        assertThat(error.getLocationString()).isEqualTo(expectedLocation);
                        assertThat(error.getMessage()).contains(expectedInMessage);
                    });
        }

        private <T extends Resource> Arguments broken(String name, String example, Class<T> type,
                Consumer<T> breakIt, String expectedLocation, String expectedInMessage) {
            T instance = type.cast(readExample(example));
            breakIt.accept(instance);
            return Arguments.of(name, instance, expectedLocation, expectedInMessage);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ServerCapabilityStatement {

        private static final List<String> RESOURCES_IN_SCOPE = List.of(
                "Patient", "Consent", "DocumentReference", "ImagingStudy", "Encounter", "Location",
                "Organization", "Practitioner", "PractitionerRole", "Condition", "AllergyIntolerance",
                "MedicationRequest", "MedicationStatement", "Observation", "Procedure", "AuditEvent", "Task",
                "ServiceRequest", "Binary", "Endpoint", "Composition");

        private CapabilityStatement capabilityStatement() {
            return (CapabilityStatement) fhirContext.newJsonParser().parseResource(
                    readPackageFile("package", "CapabilityStatement-renkei-server.json"));
        }

        @Test
        void isValid() {
            List<SingleValidationMessage> errors = errors(chain.validate(capabilityStatement()));
            assertThat(errors).as(describe(errors)).isEmpty();
        }

        @Test
        void listsEveryResourceInScopeWithTheSameInteractions() {
            List<CapabilityStatementRestResourceComponent> resources =
                    capabilityStatement().getRestFirstRep().getResource();

            assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType)
                    .containsExactlyElementsOf(RESOURCES_IN_SCOPE);
            for (CapabilityStatementRestResourceComponent resource : resources) {
                assertThat(resource.getInteraction()).as(resource.getType())
                        .extracting(interaction -> interaction.getCode().toCode())
                        .containsExactly("read", "vread", "search-type", "create", "update", "history-instance");
            }
        }

        @Test
        void everySupportedProfileIsKnownToTheChainAndConstrainsItsResource() {
            for (CapabilityStatementRestResourceComponent resource : capabilityStatement().getRestFirstRep()
                    .getResource()) {
                for (CanonicalType profile : resource.getSupportedProfile()) {
                    IBaseResource definition = chain.support().fetchStructureDefinition(profile.getValue());
                    assertThat(definition).as(profile.getValue()).isInstanceOf(StructureDefinition.class);
                    assertThat(((StructureDefinition) definition).getType()).as(profile.getValue())
                            .isEqualTo(resource.getType());
                }
            }
        }
    }

    private List<Resource> packageResources(String folder) throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (String file : ourPackage.list(folder)) {
            if (file.endsWith(".json") && !file.equals("package.json") && !file.startsWith(".")) {
                resources.add((Resource) fhirContext.newJsonParser().parseResource(readPackageFile(folder, file)));
            }
        }
        return resources;
    }

    private Resource readExample(String baseName) {
        return (Resource) fhirContext.newJsonParser().parseResource(readPackageFile("example", baseName + ".json"));
    }

    private String readPackageFile(String folder, String file) {
        try (InputStream in = ourPackage.load(folder, file)) {
            if (in == null) {
                throw new IllegalStateException("No " + folder + "/" + file + " in " + RenkeiValidationChain.OUR_PACKAGE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + folder + "/" + file, e);
        }
    }

    private static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
                        || message.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private static String describe(List<SingleValidationMessage> messages) {
        return messages.stream()
                .map(message -> message.getLocationString() + ": " + message.getMessage())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
