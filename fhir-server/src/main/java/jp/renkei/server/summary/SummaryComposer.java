package jp.renkei.server.summary;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Composes the emergency summary document (an IPS-style FHIR document, Japanese flavoured) from one
 * person's merged records: a {@code document} Bundle whose first entry is the Composition, with one
 * section per {@link SummarySection}.
 *
 * <ul>
 *   <li>Allergies with category {@code medication} are drug contraindications (薬剤禁忌, JP-CLINS);
 *       the others are allergies. Refuted or entered-in-error items and inactive or resolved ones
 *       are left out, as are problems no longer active.</li>
 *   <li>Infections are the laboratory results coded in the JP-CLINS infection code systems (JLAC10
 *       or JLAC11 InfectionLabo); the other laboratory results are labs: the newest results of each
 *       test, tests with the newest results first.</li>
 *   <li>The same item recorded by several facilities (same code, or same text; for procedures on
 *       the same day) appears once, the newest record, with an extension {@value #ALSO_RECORDED_BY}
 *       naming each other facility that recorded it.</li>
 *   <li>Every clinical entry carries its holding facility as the server stamped it (tag
 *       {@value #HOLDING_FACILITY}), and the facilities are entries of the document.</li>
 *   <li>An empty section says so: {@code emptyReason} nilknown and a one-line narrative.</li>
 * </ul>
 */
final class SummaryComposer {

	static final String HOLDING_FACILITY = "http://renkei.example.jp/fhir/CodeSystem/holding-facility";
	static final String ALSO_RECORDED_BY = "http://renkei.example.jp/fhir/StructureDefinition/also-recorded-by";
	/** Section listing the facility records merged (only when there are several). */
	static final String MERGED_SECTION = "merged-records";
	/** Section listing linked records left out because they contradict the subject. */
	static final String EXCLUDED_SECTION = "excluded-records";
	static final Set<String> INFECTION_SYSTEMS = Set.of(
			"http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_InfectionLabo_CS",
			"http://jpfhir.jp/fhir/clins/CodeSystem/JLAC11/JP_CLINS_ObsLabResult_InfectionLabo_CS");
	private static final String LOINC = "http://loinc.org";
	private static final String EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason";
	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	private final SummaryProperties limits;

	SummaryComposer(SummaryProperties limits) {
		this.limits = limits;
	}

	/**
	 * The document for {@code records}.
	 *
	 * @param serverBase the FHIR base URL, for the entries' full URLs
	 * @param now the document's time
	 */
	Bundle compose(SummaryRecords records, String serverBase, Instant now) {
		Map<SummarySection, List<Resource>> sections = classify(records);
		Bundle bundle = new Bundle();
		bundle.setType(Bundle.BundleType.DOCUMENT);
		bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
		bundle.setTimestampElement(new InstantType(Date.from(now)));

		Composition composition = new Composition();
		composition.setId(UUID.randomUUID().toString());
		composition.setStatus(Composition.CompositionStatus.FINAL);
		composition.setType(new CodeableConcept(new Coding(LOINC, "60591-5", "Patient summary Document")).setText("救急サマリー"));
		Patient subject = records.subject();
		composition.setSubject(new Reference("Patient/" + subject.getIdElement().getIdPart()).setDisplay(displayName(subject)));
		composition.setDateElement(new DateTimeType(Date.from(now)));

		composition.setTitle("救急サマリー (Emergency summary)");
		String base = serverBase.endsWith("/") ? serverBase : serverBase + "/";
		// Absolute like every other entry, so that the Composition's relative references resolve (FHIR's rule for documents).
		bundle.addEntry().setFullUrl(base + key(composition)).setResource(composition);

		Map<String, Resource> entries = new LinkedHashMap<>();
		entries.put(key(subject), subject);
		records.linked().forEach(patient -> entries.put(key(patient), patient));
		for (SummarySection section : SummarySection.values()) {
			List<Resource> items = sections.getOrDefault(section, List.of());
			Composition.SectionComponent component = composition.addSection().setTitle(section.japaneseTitle());
			if (section.loinc() != null) {
				component.getCode().addCoding(new Coding(LOINC, section.loinc(), null));
			}
			component.getCode().addCoding(new Coding(SummarySection.SYSTEM, section.code(), section.englishTitle()));
			if (items.isEmpty()) {
				component.setEmptyReason(new CodeableConcept(new Coding(EMPTY_REASON, "nilknown", "Nil Known")));
				component.setText(narrative("記録なし (no information)"));
			}
			for (Resource item : items) {
				stampHolder(item, records.holders());
				component.addEntry(new Reference(key(item)));
				entries.put(key(item), item);
			}
			if (section == SummarySection.IMAGING) {
				addImagingReferences(items, records, entries);
			}
		}
		if (!records.linked().isEmpty()) {
			composition.addSection(mergedRecordsSection(records));
		}
		if (!records.excluded().isEmpty()) {
			composition.addSection(excludedRecordsSection(records));
			records.excluded().forEach(patient -> entries.put(key(patient), patient));
		}
		for (String organization : facilitiesNamed(entries.values(), records)) {
			Organization found = records.organizations().get(organization);
			if (found != null) {
				entries.put(key(found), found);
				// The facilities are responsible for what the document holds: its authors (and so every
				// Organization entry is reachable from the Composition).
				composition.addAuthor(new Reference(key(found)).setDisplay(found.getName()));
			}
		}
		if (!composition.hasAuthor()) {
			composition.addAuthor(new Reference().setDisplay("地域医療連携 FHIR サーバ (Renkei)"));
		}
		entries.forEach((key, resource) -> bundle.addEntry().setFullUrl(base + key).setResource(resource));
		return bundle;
	}

	private Map<SummarySection, List<Resource>> classify(SummaryRecords records) {
		Map<SummarySection, List<Resource>> found = new EnumMap<>(SummarySection.class);
		List<Observation> labs = new ArrayList<>();
		for (Resource resource : records.clinical()) {
			SummarySection section = null;
			if (resource instanceof AllergyIntolerance allergy && current(allergy)) {
				section = allergy.getCategory().stream().anyMatch(c -> c.getValue() == AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION)
						? SummarySection.CONTRAINDICATIONS : SummarySection.ALLERGIES;
			} else if (resource instanceof Condition condition && current(condition)) {
				section = SummarySection.PROBLEMS;
			} else if (resource instanceof Observation observation && current(observation)) {
				if (isInfection(observation)) {
					section = SummarySection.INFECTIONS;
				} else if (isLaboratory(observation)) {
					labs.add(observation);
				}
			} else if (resource instanceof MedicationRequest medication
					&& medication.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE) {
				section = SummarySection.MEDICATIONS;
			} else if (resource instanceof Procedure procedure && procedure.getStatus() != Procedure.ProcedureStatus.ENTEREDINERROR
					&& procedure.getStatus() != Procedure.ProcedureStatus.NOTDONE) {
				section = SummarySection.PROCEDURES;
			} else if (resource instanceof Encounter encounter && encounter.getStatus() != Encounter.EncounterStatus.ENTEREDINERROR
					&& encounter.getStatus() != Encounter.EncounterStatus.CANCELLED) {
				section = SummarySection.ENCOUNTERS;
			} else if (resource instanceof ImagingStudy study && study.getStatus() != ImagingStudy.ImagingStudyStatus.ENTEREDINERROR
					&& study.getStatus() != ImagingStudy.ImagingStudyStatus.CANCELLED) {
				section = SummarySection.IMAGING;
			} else if (resource instanceof DocumentReference document
					&& document.getStatus() == org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT) {
				section = SummarySection.DOCUMENTS;
			}
			if (section != null) {
				found.computeIfAbsent(section, unused -> new ArrayList<>()).add(resource);
			}
		}
		Map<SummarySection, List<Resource>> result = new EnumMap<>(SummarySection.class);
		for (Map.Entry<SummarySection, List<Resource>> section : found.entrySet()) {
			List<Resource> newestFirst = section.getValue().stream().sorted(NEWEST_FIRST).toList();
			result.put(section.getKey(), switch (section.getKey()) {
				case ALLERGIES, CONTRAINDICATIONS, PROBLEMS, MEDICATIONS, INFECTIONS -> collapse(newestFirst, false, records.holders());
				case PROCEDURES -> limit(collapse(newestFirst, true, records.holders()), limits.procedures());
				case ENCOUNTERS -> limit(newestFirst, limits.encounters());
				case IMAGING -> limit(newestFirst, limits.imagingStudies());
				case DOCUMENTS -> limit(newestFirst, limits.documents());
				default -> newestFirst;
			});
		}
		List<Resource> recentLabs = recentLabs(labs);
		if (!recentLabs.isEmpty()) {
			result.put(SummarySection.LABS, recentLabs);
		}
		return result;
	}

	/** The newest results of each test, the tests with the newest results first. */
	private List<Resource> recentLabs(List<Observation> labs) {
		Map<String, List<Observation>> byTest = new LinkedHashMap<>();
		labs.stream().sorted(NEWEST_FIRST).forEach(o -> byTest.computeIfAbsent(testKey(o), k -> new ArrayList<>()).add(o));
		return byTest.values().stream().limit(limits.labTests())
				.flatMap(results -> results.stream().limit(limits.labValuesPerTest()))
				.map(Resource.class::cast).toList();
	}

	/**
	 * One entry per item recorded by several facilities: the newest, with the other facilities
	 * named in {@value #ALSO_RECORDED_BY}. {@code newestFirst} is sorted newest first.
	 */
	private static List<Resource> collapse(List<Resource> newestFirst, boolean sameDay, Map<String, String> holders) {
		List<Resource> kept = new ArrayList<>();
		List<Set<String>> keptKeys = new ArrayList<>();
		List<Set<String>> alsoBy = new ArrayList<>();
		for (Resource resource : newestFirst) {
			Set<String> keys = itemKeys(resource, sameDay);
			int duplicateOf = -1;
			for (int i = 0; i < kept.size() && !keys.isEmpty(); i++) {
				if (keptKeys.get(i).stream().anyMatch(keys::contains)) {
					duplicateOf = i;
					break;
				}
			}
			if (duplicateOf < 0) {
				kept.add(resource);
				keptKeys.add(keys);
				alsoBy.add(new LinkedHashSet<>());
				continue;
			}
			keptKeys.get(duplicateOf).addAll(keys);
			String holder = holders.get(key(resource));
			if (holder != null && !holder.equals(holders.get(key(kept.get(duplicateOf))))) {
				alsoBy.get(duplicateOf).add(holder);
			}
		}
		for (int i = 0; i < kept.size(); i++) {
			DomainResource resource = (DomainResource) kept.get(i);
			resource.getExtension().removeIf(e -> ALSO_RECORDED_BY.equals(e.getUrl()));
			for (String organization : alsoBy.get(i)) {
				resource.addExtension(ALSO_RECORDED_BY, new Reference(organization));
			}
		}
		return kept;
	}

	/** What identifies an item across facilities: each of its codings, and its text. */
	private static Set<String> itemKeys(Resource resource, boolean sameDay) {
		CodeableConcept concept = null;
		if (resource instanceof AllergyIntolerance allergy) {
			concept = allergy.getCode();
		} else if (resource instanceof Condition condition) {
			concept = condition.getCode();
		} else if (resource instanceof Observation observation) {
			concept = observation.getCode();
		} else if (resource instanceof MedicationRequest medication && medication.hasMedicationCodeableConcept()) {
			concept = medication.getMedicationCodeableConcept();
		} else if (resource instanceof Procedure procedure) {
			concept = procedure.getCode();
		}
		Set<String> keys = new LinkedHashSet<>();
		if (concept == null) {
			return keys;
		}
		for (Coding coding : concept.getCoding()) {
			if (coding.hasSystem() && coding.hasCode()) {
				keys.add(coding.getSystem() + "|" + coding.getCode());
			}
		}
		if (concept.hasText()) {
			keys.add("text:" + Normalizer.normalize(concept.getText(), Normalizer.Form.NFKC).replaceAll("\\s+", ""));
		}
		if (sameDay) {
			String day = date(resource).map(d -> d.length() > 10 ? d.substring(0, 10) : d).orElse("");
			return keys.stream().map(k -> k + "@" + day).collect(Collectors.toCollection(LinkedHashSet::new));
		}
		return keys;
	}

	static boolean isInfection(Observation observation) {
		return observation.getCode().getCoding().stream().anyMatch(c -> INFECTION_SYSTEMS.contains(c.getSystem()));
	}

	static boolean isLaboratory(Observation observation) {
		return observation.getCategory().stream().flatMap(c -> c.getCoding().stream()).anyMatch(c -> "laboratory".equals(c.getCode()));
	}

	static String testKey(Observation observation) {
		return observation.getCode().getCoding().stream().filter(c -> c.hasSystem() && c.hasCode()).findFirst()
				.map(c -> c.getSystem() + "|" + c.getCode()).orElse("text:" + observation.getCode().getText());
	}

	private static boolean current(AllergyIntolerance allergy) {
		String verification = allergy.getVerificationStatus().getCodingFirstRep().getCode();
		String clinical = allergy.getClinicalStatus().getCodingFirstRep().getCode();
		return !"refuted".equals(verification) && !"entered-in-error".equals(verification)
				&& (clinical == null || "active".equals(clinical));
	}

	private static boolean current(Condition condition) {
		String verification = condition.getVerificationStatus().getCodingFirstRep().getCode();
		String clinical = condition.getClinicalStatus().getCodingFirstRep().getCode();
		return !"refuted".equals(verification) && !"entered-in-error".equals(verification)
				&& (clinical == null || Set.of("active", "recurrence", "relapse").contains(clinical));
	}

	private static boolean current(Observation observation) {
		return observation.getStatus() != Observation.ObservationStatus.ENTEREDINERROR
				&& observation.getStatus() != Observation.ObservationStatus.CANCELLED;
	}

	/** Reports and viewer endpoints of the studies shown, as entries (not section entries). */
	private static void addImagingReferences(List<Resource> studies, SummaryRecords records, Map<String, Resource> entries) {
		Set<String> shown = studies.stream().map(SummaryComposer::key).collect(Collectors.toSet());
		for (DiagnosticReport report : records.imagingReports()) {
			if (report.getImagingStudy().stream().anyMatch(r -> shown.contains(r.getReferenceElement().toUnqualifiedVersionless().getValue()))) {
				stampHolder(report, records.holders());
				entries.put(key(report), report);
			}
		}
		for (Resource resource : studies) {
			for (Reference endpoint : ((ImagingStudy) resource).getEndpoint()) {
				var found = records.endpoints().get(endpoint.getReferenceElement().getIdPart());
				if (found != null) {
					entries.put(key(found), found);
				}
			}
		}
	}

	/** Which facility records were merged into this document. */
	private static Composition.SectionComponent mergedRecordsSection(SummaryRecords records) {
		List<Patient> merged = new ArrayList<>();
		merged.add(records.subject());
		merged.addAll(records.linked());
		return recordsSection(MERGED_SECTION, "統合した記録", "Merged facility records",
				"統合した医療機関の記録: " + names(merged, records), merged);
	}

	/** Linked records left out because their birth date or sex disagree with the subject's. */
	private static Composition.SectionComponent excludedRecordsSection(SummaryRecords records) {
		return recordsSection(EXCLUDED_SECTION, "除外した記録", "Linked records left out",
				"生年月日または性別が一致しないため表示していない記録: " + names(records.excluded(), records), records.excluded());
	}

	private static Composition.SectionComponent recordsSection(String code, String title, String display, String text,
			List<Patient> patients) {
		Composition.SectionComponent section = new Composition.SectionComponent().setTitle(title);
		section.getCode().addCoding(new Coding(SummarySection.SYSTEM, code, display));
		patients.forEach(patient -> section.addEntry(new Reference("Patient/" + patient.getIdElement().getIdPart())));
		section.setText(narrative(text));
		return section;
	}

	private static String names(List<Patient> patients, SummaryRecords records) {
		return patients.stream().map(p -> facilityName(p, records)).collect(Collectors.joining("、"));
	}

	private static String facilityName(Patient patient, SummaryRecords records) {
		String organization = patient.getManagingOrganization().getReferenceElement().getIdPart();
		Organization found = organization == null ? null : records.organizations().get(organization);
		return found != null && found.hasName() ? found.getName() : "Patient/" + patient.getIdElement().getIdPart();
	}

	private static Set<String> facilitiesNamed(Iterable<Resource> resources, SummaryRecords records) {
		Set<String> ids = new LinkedHashSet<>();
		for (Resource resource : resources) {
			String holder = records.holders().get(key(resource));
			if (holder != null) {
				ids.add(holder.substring(holder.indexOf('/') + 1));
			}
			if (resource instanceof DomainResource domain) {
				domain.getExtensionsByUrl(ALSO_RECORDED_BY).forEach(e -> ids.add(((Reference) e.getValue()).getReferenceElement().getIdPart()));
			}
			if (resource instanceof Encounter encounter && encounter.hasServiceProvider()) {
				ids.add(encounter.getServiceProvider().getReferenceElement().getIdPart());
			}
			if (resource instanceof Patient patient && patient.hasManagingOrganization()) {
				ids.add(patient.getManagingOrganization().getReferenceElement().getIdPart());
			}
		}
		ids.remove(null);
		return ids;
	}

	/** The server's holding-facility tag, added when a resource lacks it (written before stamping existed). */
	private static void stampHolder(Resource resource, Map<String, String> holders) {
		String holder = holders.get(key(resource));
		if (holder != null && resource.getMeta().getTag().stream().noneMatch(t -> HOLDING_FACILITY.equals(t.getSystem()))) {
			resource.getMeta().addTag(HOLDING_FACILITY, holder.substring(holder.indexOf('/') + 1), null);
		}
	}

	private static String displayName(Patient patient) {
		return patient.getName().stream().filter(HumanName::hasText).map(HumanName::getText).findFirst()
				.orElse(patient.getNameFirstRep().getNameAsSingleString());
	}

	private static Narrative narrative(String text) {
		Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
		narrative.setDivAsString("<div xmlns=\"" + XHTML + "\">" + escape(text) + "</div>");
		return narrative;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static <T> List<T> limit(List<T> items, int limit) {
		return items.size() <= limit ? items : items.subList(0, limit);
	}

	static String key(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	private static final Comparator<Resource> NEWEST_FIRST = Comparator
			.comparing((Resource r) -> date(r).orElse(""), Comparator.reverseOrder())
			.thenComparing(SummaryComposer::key);

	/** The clinically relevant date of an item as an ISO string (sortable within one time zone). */
	static java.util.Optional<String> date(Resource resource) {
		Type when = null;
		if (resource instanceof AllergyIntolerance allergy) {
			when = allergy.hasRecordedDate() ? allergy.getRecordedDateElement() : allergy.getOnset();
		} else if (resource instanceof Condition condition) {
			when = condition.hasOnset() ? condition.getOnset() : condition.getRecordedDateElement();
		} else if (resource instanceof Observation observation) {
			when = observation.getEffective();
		} else if (resource instanceof MedicationRequest medication) {
			when = medication.getAuthoredOnElement();
		} else if (resource instanceof Procedure procedure) {
			when = procedure.getPerformed();
		} else if (resource instanceof Encounter encounter) {
			when = encounter.getPeriod();
		} else if (resource instanceof ImagingStudy study) {
			when = study.getStartedElement();
		} else if (resource instanceof DocumentReference document) {
			when = document.getDateElement();
		}
		if (when instanceof Period period) {
			when = period.getStartElement();
		}
		if (when == null || when.isEmpty() || !when.isPrimitive()) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.ofNullable(Objects.toString(when.primitiveValue(), null));
	}
}
