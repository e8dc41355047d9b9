package jp.renkei.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the package {@code renkei.r4} as other modules load it from the classpath: HAPI builds a
 * snapshot of every profile, every example is valid against its profile, each profile rejects an
 * instance that breaks its key rule, and the CapabilityStatement names profiles the chain knows and
 * the operations on Patient. The emergency summary's code systems and extension keep the URLs and codes
 * the server writes, and the OperationDefinitions describe the server's operations.
 *
 * <p>Needs the shared JP Core files: skipped only when the system property
 * {@code renkei.shared.dir} is not set (Maven sets it); fails when it is set but files are missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenkeiPackageTest {

    private static final String CANONICAL = "http://renkei.example.jp/fhir/StructureDefinition/";
    private static final String SHARED_DIR_PROPERTY = "renkei.shared.dir";
    /** URLs the server (fhir-server, package summary and consent) and the apps already write: never change them. */
    private static final String SUMMARY_SECTION = "http://renkei.example.jp/fhir/CodeSystem/summary-section";
    private static final String HOLDING_FACILITY = "http://renkei.example.jp/fhir/CodeSystem/holding-facility";
    private static final String ALSO_RECORDED_BY = "http://renkei.example.jp/fhir/StructureDefinition/also-recorded-by";
    private static final String OPERATION = "http://renkei.example.jp/fhir/OperationDefinition/";
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");

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
        void thePackageHoldsExactlyOurFourProfilesAndTwoExtensions() throws IOException {
            List<String> urls = new ArrayList<>();
            for (Resource resource : packageResources("package")) {
                if (resource instanceof StructureDefinition definition) {
                    urls.add(definition.getUrl());
                }
            }
            List<String> expected = new ArrayList<>(profileUrls().toList());
            expected.add(CANONICAL + "renkei-consent-withdrawal");
            expected.add(ALSO_RECORDED_BY);
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
            if (example instanceof Bundle document && document.getType() == Bundle.BundleType.DOCUMENT) {
                // No profile defines the summary document itself (nor JP Core a Composition): what it holds claims theirs.
                assertThat(document.getEntry().subList(1, document.getEntry().size())).allSatisfy(entry -> assertThat(
                        entry.getResource().getMeta().getProfile()).as(name + " " + entry.getFullUrl()).isNotEmpty());
            } else {
                assertThat(example.getMeta().getProfile()).as(name + " meta.profile").isNotEmpty();
            }

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
        void patientNamesTheSummaryTheStandardMatchAndTheIdentityOperations() throws IOException {
            CapabilityStatementRestResourceComponent patient = capabilityStatement().getRestFirstRep().getResource()
                    .stream().filter(resource -> resource.getType().equals("Patient")).findFirst().orElseThrow();

            Map<String, String> operations = new LinkedHashMap<>();
            patient.getOperation().forEach(operation -> operations.put(operation.getName(), operation.getDefinition()));

            assertThat(operations).containsExactly(
                    Map.entry("summary", OPERATION + "renkei-patient-summary"),
                    Map.entry("match", "http://hl7.org/fhir/OperationDefinition/Patient-match"),
                    Map.entry("identity", OPERATION + "renkei-patient-identity"),
                    Map.entry("link", OPERATION + "renkei-patient-link"),
                    Map.entry("unlink", OPERATION + "renkei-patient-unlink"));
            List<String> ours = packageResources("package").stream().filter(OperationDefinition.class::isInstance)
                    .map(definition -> ((OperationDefinition) definition).getUrl()).toList();
            operations.forEach((name, definition) -> {
                if (definition.startsWith(OPERATION)) {
                    assertThat(ours).as(name).contains(definition);
                }
            });
            assertThat(capabilityStatement().getRestFirstRep().getResource())
                    .filteredOn(resource -> !resource.getType().equals("Patient"))
                    .allSatisfy(resource -> assertThat(resource.getOperation()).as(resource.getType()).isEmpty());
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

    /** The emergency summary's sections, its collapsed-entry extension and the holding-facility tag. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EmergencySummaryDefinitions {

        /** Every section the server's SummarySection and SummaryComposer write, in document order, with its LOINC code. */
        private static final Map<String, String> SECTIONS_AND_LOINC = sectionsAndLoinc();

        private static Map<String, String> sectionsAndLoinc() {
            Map<String, String> sections = new LinkedHashMap<>();
            sections.put("allergies", "48765-2");
            sections.put("contraindications", null);
            sections.put("infections", null);
            sections.put("problems", "11450-4");
            sections.put("medications", "10160-0");
            sections.put("labs", "30954-2");
            sections.put("procedures", "47519-4");
            sections.put("encounters", "46240-8");
            sections.put("imaging", "18748-4");
            sections.put("documents", "55107-7");
            sections.put("merged-records", null);
            sections.put("excluded-records", null);
            return sections;
        }

        /** The English display the server writes in Composition.section.code for each section. */
        private static final Map<String, String> SERVER_DISPLAYS = Map.ofEntries(
                Map.entry("allergies", "Allergies"), Map.entry("contraindications", "Drug contraindications"),
                Map.entry("infections", "Infections"), Map.entry("problems", "Active problems"),
                Map.entry("medications", "Current medication"), Map.entry("labs", "Recent lab results"),
                Map.entry("procedures", "Operations and procedures"), Map.entry("encounters", "Recent encounters"),
                Map.entry("imaging", "Imaging studies"), Map.entry("documents", "Documents"),
                Map.entry("merged-records", "Merged facility records"),
                Map.entry("excluded-records", "Linked records left out"));

        private CodeSystem sections() throws IOException {
            return codeSystem(SUMMARY_SECTION);
        }

        @Test
        void theSectionCodeSystemHasTheServersUrlAndEverySectionInDocumentOrder() throws IOException {
            CodeSystem sections = sections();

            assertThat(sections.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
            assertThat(sections.getConcept()).extracting(ConceptDefinitionComponent::getCode)
                    .containsExactlyElementsOf(SECTIONS_AND_LOINC.keySet());
        }

        @Test
        void everySectionHasAJapaneseDisplayAndADefinitionInJapaneseAndEnglishNamingItsLoincCode()
                throws IOException {
            for (ConceptDefinitionComponent concept : sections().getConcept()) {
                assertThat(concept.getDisplay()).as(concept.getCode()).containsPattern(JAPANESE);
                assertThat(concept.getDefinition()).as(concept.getCode()).containsPattern(JAPANESE)
                        .containsPattern("[A-Z][a-z]+ [(a-z]+");
                String loinc = SECTIONS_AND_LOINC.get(concept.getCode());
                if (loinc != null) {
                    assertThat(concept.getDefinition()).as(concept.getCode()).contains("LOINC " + loinc);
                } else {
                    assertThat(concept.getDefinition()).as(concept.getCode()).contains("no LOINC section code");
                }
            }
        }

        @Test
        void theEnglishDisplaysTheServerWritesAreValidForTheirCodes() {
            ValidationSupportContext context = new ValidationSupportContext(chain.support());
            for (Map.Entry<String, String> section : SERVER_DISPLAYS.entrySet()) {
                IValidationSupport.CodeValidationResult result = chain.support().validateCode(context,
                        new ConceptValidationOptions(), SUMMARY_SECTION, section.getKey(), section.getValue(), null);
                assertThat(result).as(section.getKey()).isNotNull();
                assertThat(result.isOk()).as(section.getKey() + ": " + result.getMessage()).isTrue();
                assertThat(result.getSeverity()).as(section.getKey() + ": " + result.getMessage())
                        .isNotIn(IValidationSupport.IssueSeverity.ERROR, IValidationSupport.IssueSeverity.WARNING);
            }
        }

        @Test
        void aSectionCodeTheServerDoesNotKnowIsRejected() {
            IValidationSupport.CodeValidationResult result = chain.support().validateCode(
                    new ValidationSupportContext(chain.support()), new ConceptValidationOptions(), SUMMARY_SECTION,
                    "vital-signs", null, null);
            assertThat(result == null || !result.isOk()).as("vital-signs is not a section").isTrue();
        }

        /*
         * An empty fragment, not not-present: HAPI rejects every code of a not-present code system
         * ("Validation failed"), which would fail every write of a resource the server has stamped.
         */
        @Test
        void theHoldingFacilityCodeSystemListsNoCodesAndSaysWhoStampsThem() throws IOException {
            CodeSystem holders = codeSystem(HOLDING_FACILITY);

            assertThat(holders.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
            assertThat(holders.getConcept()).isEmpty();
            assertThat(holders.getDescription()).contains("logical ids of the region's Organization resources")
                    .contains("never clients");
        }

        /* The server stamps the tag on every patient resource and validates what clients write back. */
        @Test
        void aResourceCarryingTheHoldingFacilityTagIsStillValid() {
            Consent consent = (Consent) readExample("Consent-renkei-consent-comprehensive-chiba-hanako");
            consent.getMeta().addTag(HOLDING_FACILITY, "renkei-organization-chiba-minato-hospital", null);

            List<SingleValidationMessage> errors = errors(chain.validate(consent));

            assertThat(errors).as(describe(errors)).isEmpty();
        }

        @Test
        void theAlsoRecordedByExtensionHasTheServersUrlAndTheCollapsedTypesAsContext() {
            StructureDefinition extension = (StructureDefinition) chain.support().fetchStructureDefinition(ALSO_RECORDED_BY);

            assertThat(extension).isNotNull();
            assertThat(extension.getType()).isEqualTo("Extension");
            assertThat(extension.getContext()).extracting(StructureDefinition.StructureDefinitionContextComponent::getExpression)
                    .containsExactlyInAnyOrder("AllergyIntolerance", "Condition", "Observation", "MedicationRequest",
                            "Procedure");
        }

        @Test
        void aCollapsedEntryNamingTheOtherFacilitiesIsValid() {
            Condition condition = collapsedCondition();
            condition.addExtension(ALSO_RECORDED_BY, new Reference("Organization/renkei-organization-funabashi-clinic"));
            condition.addExtension(ALSO_RECORDED_BY, new Reference("Organization/renkei-organization-chiba-minato-hospital"));

            List<SingleValidationMessage> errors = errors(chain.validate(condition));

            assertThat(errors).as(describe(errors)).isEmpty();
        }

        @Test
        void theExtensionNamesAFacilityByReferenceNotByText() {
            Condition condition = collapsedCondition();
            condition.addExtension(ALSO_RECORDED_BY, new StringType("ふなばし内科クリニック"));

            List<SingleValidationMessage> errors = errors(chain.validate(condition));

            assertThat(errors).as(describe(errors)).anySatisfy(error -> {
                assertThat(error.getLocationString()).isEqualTo("Condition.extension[0]");
                assertThat(error.getMessage()).contains("allows for the types [Reference]");
            });
        }

        @Test
        void theExtensionIsNotForAPatientRecord() {
            Patient patient = (Patient) readExample("Patient-renkei-patient-chiba-hanako");
            patient.addExtension(ALSO_RECORDED_BY, new Reference("Organization/renkei-organization-funabashi-clinic"));

            List<SingleValidationMessage> errors = errors(chain.validate(patient));

            assertThat(errors).as(describe(errors)).anySatisfy(error -> assertThat(error.getMessage())
                    .contains(ALSO_RECORDED_BY).contains("is not allowed to be used at this point"));
        }

        @Test
        void theExampleSummaryIsADocumentWithTheSectionsTheServerWritesAndACollapsedEntry() {
            Bundle summary = (Bundle) readExample("Bundle-renkei-summary-chiba-hanako");

            assertThat(summary.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
            Composition composition = (Composition) summary.getEntryFirstRep().getResource();
            List<String> sectionCodes = composition.getSection().stream()
                    .flatMap(section -> section.getCode().getCoding().stream())
                    .filter(coding -> SUMMARY_SECTION.equals(coding.getSystem()))
                    .map(Coding::getCode).toList();
            List<String> expected = new ArrayList<>(SECTIONS_AND_LOINC.keySet());
            expected.remove("excluded-records"); // only when a linked record contradicts the patient
            assertThat(sectionCodes).containsExactlyElementsOf(expected);
            assertThat(summary.getEntry()).extracting(entry -> entry.getResource().fhirType() + "/"
                            + ((DomainResource) entry.getResource()).getExtensionsByUrl(ALSO_RECORDED_BY).size())
                    .contains("Condition/1");
        }

        private Condition collapsedCondition() {
            Condition condition = new Condition();
            condition.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
            condition.getCode().setText("気管支喘息");
            condition.setSubject(new Reference("Patient/renkei-patient-chiba-hanako"));
            return condition;
        }
    }

    /** The server's own operations on Patient, and the standard Patient/$match it answers. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Operations {

        static Stream<String> ourOperations() {
            return Stream.of("renkei-patient-summary", "renkei-patient-identity", "renkei-patient-link",
                    "renkei-patient-unlink").map(id -> OPERATION + id);
        }

        private OperationDefinition operation(String url) throws IOException {
            return packageResources("package").stream()
                    .filter(OperationDefinition.class::isInstance).map(OperationDefinition.class::cast)
                    .filter(definition -> url.equals(definition.getUrl()))
                    .findFirst().orElseThrow(() -> new AssertionError("no OperationDefinition " + url + " in the package"));
        }

        @Test
        void thePackageDefinesExactlyOurFourOperationsAndNotTheStandardMatch() throws IOException {
            List<OperationDefinition> definitions = packageResources("package").stream()
                    .filter(OperationDefinition.class::isInstance).map(OperationDefinition.class::cast).toList();

            assertThat(definitions).extracting(OperationDefinition::getUrl)
                    .containsExactlyInAnyOrderElementsOf(ourOperations().toList());
            assertThat(definitions).extracting(OperationDefinition::getCode).doesNotContain("match");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("ourOperations")
        void isAValidInstanceLevelOperationOnPatient(String url) throws IOException {
            OperationDefinition definition = operation(url);

            assertThat(definition.getResource()).extracting(CodeType::getCode).containsExactly("Patient");
            assertThat(definition.getSystem()).isFalse();
            assertThat(definition.getType()).isFalse();
            assertThat(definition.getInstance()).isTrue();
            assertThat(definition.getDescription()).containsPattern(JAPANESE).contains("Patient/[id]/$" + definition.getCode());
            List<SingleValidationMessage> errors = errors(chain.validate(definition));
            assertThat(errors).as(describe(errors)).isEmpty();
        }

        @Test
        void summaryIsAReadThatReturnsOneDocumentBundle() throws IOException {
            OperationDefinition summary = operation(OPERATION + "renkei-patient-summary");

            assertThat(summary.getCode()).isEqualTo("summary");
            assertThat(summary.getAffectsState()).isFalse();
            assertThat(summary.getParameter()).singleElement().satisfies(output -> {
                assertThat(output.getName()).isEqualTo("return");
                assertThat(output.getUse()).isEqualTo(OperationDefinition.OperationParameterUse.OUT);
                assertThat(output.getMin()).isEqualTo(1);
                assertThat(output.getMax()).isEqualTo("1");
                assertThat(output.getType()).isEqualTo("Bundle");
                assertThat(output.getDocumentation()).contains("Bundle.type document").contains(SUMMARY_SECTION)
                        .contains("consent-filtered");
            });
        }

        @Test
        void identityIsAReadAnsweringThePersonItsLinkedRecordsAndPossibleMatches() throws IOException {
            OperationDefinition identity = operation(OPERATION + "renkei-patient-identity");

            assertThat(identity.getCode()).isEqualTo("identity");
            assertThat(identity.getAffectsState()).isFalse();
            assertThat(inputs(identity)).isEmpty();
            assertIdentityOutput(identity);
        }

        @Test
        void linkChangesStateAndNeedsExactlyOneOtherPatient() throws IOException {
            OperationDefinition link = operation(OPERATION + "renkei-patient-link");

            assertThat(link.getCode()).isEqualTo("link");
            assertThat(link.getAffectsState()).isTrue();
            assertThat(inputs(link)).singleElement().satisfies(other -> {
                assertThat(other.getName()).isEqualTo("other");
                assertThat(other.getMin()).isEqualTo(1);
                assertThat(other.getMax()).isEqualTo("1");
                assertThat(other.getType()).isEqualTo("Reference");
                assertThat(other.getTargetProfile()).extracting(CanonicalType::getValue)
                        .containsExactly("http://hl7.org/fhir/StructureDefinition/Patient");
            });
            assertIdentityOutput(link);
        }

        @Test
        void unlinkChangesStateAndTakesNoInput() throws IOException {
            OperationDefinition unlink = operation(OPERATION + "renkei-patient-unlink");

            assertThat(unlink.getCode()).isEqualTo("unlink");
            assertThat(unlink.getAffectsState()).isTrue();
            assertThat(inputs(unlink)).isEmpty();
            assertIdentityOutput(unlink);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"renkei-patient-identity", "renkei-patient-link", "renkei-patient-unlink"})
        void theIdentityOperationsAreForPrivacyOfficersAndRegionOperatorsOnly(String id) throws IOException {
            assertThat(operation(OPERATION + id).getDescription())
                    .contains("Only privacy officers (role privacy-officer) and region operators")
                    .contains("403");
        }

        private static List<OperationDefinitionParameterComponent> inputs(OperationDefinition definition) {
            return definition.getParameter().stream()
                    .filter(parameter -> parameter.getUse() == OperationDefinition.OperationParameterUse.IN).toList();
        }

        private static void assertIdentityOutput(OperationDefinition definition) {
            List<OperationDefinitionParameterComponent> outputs = definition.getParameter().stream()
                    .filter(parameter -> parameter.getUse() == OperationDefinition.OperationParameterUse.OUT).toList();
            assertThat(outputs).extracting(OperationDefinitionParameterComponent::getName)
                    .containsExactly("person", "link", "possibleMatch");
            assertThat(outputs.get(0).getType()).isEqualTo("Identifier");
            assertThat(outputs.get(1).getPart()).extracting(OperationDefinitionParameterComponent::getName)
                    .containsExactly("record", "facility", "kind", "score");
            assertThat(outputs.get(2).getPart()).extracting(OperationDefinitionParameterComponent::getName)
                    .containsExactly("record", "facility", "score", "grade");
        }
    }

    private CodeSystem codeSystem(String url) throws IOException {
        return packageResources("package").stream()
                .filter(CodeSystem.class::isInstance).map(CodeSystem.class::cast)
                .filter(codeSystem -> url.equals(codeSystem.getUrl()))
                .findFirst().orElseThrow(() -> new AssertionError("no CodeSystem " + url + " in the package"));
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
