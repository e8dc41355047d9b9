package jp.renkei.apps.er;

import ca.uhn.fhir.parser.DataFormatException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import jp.renkei.apps.smart.PatientBanner;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a {@code $summary} document Bundle (README, "The emergency summary") into the ER screen's {@link ErSummary}:
 * sections by their code in {@value #SECTION_SYSTEM}, entries resolved by fullUrl, each item with
 * the holding facility of its {@code meta.tag} ({@value #HOLDING_FACILITY}; the server stamps the
 * Organization's id as code, {@code Organization/<id>} is read as well) and the facilities of
 * its {@code also-recorded-by} extensions, named from the Organizations in the Bundle.
 */
final class ErSummaryReader {

	static final String SECTION_SYSTEM = "http://renkei.example.jp/fhir/CodeSystem/summary-section";
	static final String HOLDING_FACILITY = "http://renkei.example.jp/fhir/CodeSystem/holding-facility";
	static final String ALSO_RECORDED_BY = "http://renkei.example.jp/fhir/StructureDefinition/also-recorded-by";
	/** The most results of one test shown (the server sends up to 5). */
	private static final int MAX_LAB_VALUES = 5;

	private final Bundle bundle;
	private final Map<String, Resource> byReference = new HashMap<>();

	private ErSummaryReader(Bundle bundle) {
		this.bundle = bundle;
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Resource resource = entry.getResource();
			if (resource == null) {
				continue;
			}
			if (entry.hasFullUrl()) {
				byReference.put(entry.getFullUrl(), resource);
			}
			if (resource.getIdElement().hasIdPart()) {
				byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
			}
		}
	}

	/**
	 * The ER view of {@code bundle}.
	 *
	 * @throws DataFormatException when it is not a summary document (no Composition first)
	 */
	static ErSummary read(Bundle bundle, LocalDate today) {
		return new ErSummaryReader(bundle).read(today);
	}

	private ErSummary read(LocalDate today) {
		if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof Composition composition)) {
			throw new DataFormatException("the summary Bundle does not start with a Composition");
		}
		Patient patient = resolve(composition.getSubject(), Patient.class);
		if (patient == null) {
			patient = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.filter(Patient.class::isInstance).map(Patient.class::cast).findFirst()
					.orElseThrow(() -> new DataFormatException("the summary names no Patient"));
		}
		Map<String, List<ErSummary.Item>> sections = new LinkedHashMap<>();
		List<ErSummary.LabSeries> labs = List.of();
		List<ErSummary.ImagingItem> imaging = List.of();
		List<String> mergedFrom = List.of();
		List<String> excludedFrom = List.of();
		for (Composition.SectionComponent section : composition.getSection()) {
			String code = sectionCode(section);
			if (code == null) {
				continue;
			}
			List<Resource> entries = section.getEntry().stream().map(r -> resolve(r, Resource.class)).filter(Objects::nonNull).toList();
			switch (code) {
				case "labs" -> labs = labs(entries);
				case "imaging" -> imaging = entries.stream().filter(ImagingStudy.class::isInstance).map(ImagingStudy.class::cast)
						.map(this::imaging).toList();
				case "merged-records" -> mergedFrom = facilitiesOf(entries);
				case "excluded-records" -> excludedFrom = facilitiesOf(entries);
				default -> sections.put(code, entries.stream().map(this::item).filter(Objects::nonNull).toList());
			}
		}
		return new ErSummary(PatientBanner.of(patient, today), sections, labs, imaging, mergedFrom, excludedFrom);
	}

	/** The facility names of the Patient records of a records section. */
	private List<String> facilitiesOf(List<Resource> entries) {
		return entries.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
				.map(p -> organizationName(p.getManagingOrganization())).filter(name -> !name.isEmpty()).distinct().toList();
	}

	private static String sectionCode(Composition.SectionComponent section) {
		return section.getCode().getCoding().stream().filter(c -> SECTION_SYSTEM.equals(c.getSystem()))
				.map(Coding::getCode).findFirst().orElse(null);
	}

	private ErSummary.Item item(Resource resource) {
		if (resource instanceof AllergyIntolerance allergy) {
			String reactions = allergy.getReaction().stream().flatMap(r -> r.getManifestation().stream())
					.map(ErSummaryReader::text).filter(t -> !t.isEmpty()).distinct().collect(Collectors.joining("、"));
			String date = allergy.hasRecordedDate() ? allergy.getRecordedDateElement().getValueAsString() : dateOf(allergy.getOnset());
			return item(allergy, text(allergy.getCode()), reactions, date,
					allergy.getCriticality() == AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
		}
		if (resource instanceof Condition condition) {
			String date = condition.hasOnset() ? dateOf(condition.getOnset())
					: condition.hasRecordedDate() ? condition.getRecordedDateElement().getValueAsString() : "";
			return item(condition, text(condition.getCode()), "", date, false);
		}
		if (resource instanceof Observation observation) {
			String value = value(observation.getValue());
			boolean positive = observation.getInterpretation().stream().flatMap(c -> c.getCoding().stream())
					.anyMatch(c -> List.of("POS", "A", "AA", "H", "HH").contains(c.getCode()));
			return item(observation, text(observation.getCode()), value, dateOf(observation.getEffective()), positive);
		}
		if (resource instanceof MedicationRequest medication) {
			String drug = medication.hasMedicationCodeableConcept() ? text(medication.getMedicationCodeableConcept())
					: medication.hasMedicationReference() ? medication.getMedicationReference().getDisplay() : "";
			String dosage = medication.getDosageInstruction().stream().map(d -> d.getText()).filter(Objects::nonNull)
					.collect(Collectors.joining(" / "));
			return item(medication, drug, dosage,
					medication.hasAuthoredOn() ? medication.getAuthoredOnElement().getValueAsString() : "", false);
		}
		if (resource instanceof Procedure procedure) {
			return item(procedure, text(procedure.getCode()), "", dateOf(procedure.getPerformed()), false);
		}
		if (resource instanceof Encounter encounter) {
			String kind = encounter.getType().stream().map(ErSummaryReader::text).filter(t -> !t.isEmpty()).findFirst()
					.orElse(encounter.getClass_().hasDisplay() ? encounter.getClass_().getDisplay() : encounter.getClass_().getCode());
			String place = encounter.getLocation().stream().map(l -> l.getLocation().getDisplay()).filter(Objects::nonNull)
					.findFirst().orElse("");
			String reasons = encounter.getReasonCode().stream().map(ErSummaryReader::text).filter(t -> !t.isEmpty())
					.collect(Collectors.joining("、"));
			String detail = String.join(" ", List.of(place, reasons)).strip();
			String start = encounter.getPeriod().hasStart() ? encounter.getPeriod().getStartElement().getValueAsString() : "";
			ErSummary.Item item = item(encounter, kind == null ? "" : kind, detail, start, false);
			if (encounter.hasServiceProvider()) {
				item = new ErSummary.Item(item.title(), item.detail(), item.date(), organizationName(encounter.getServiceProvider()),
						item.alsoRecordedBy(), false);
			}
			return item;
		}
		if (resource instanceof DocumentReference document) {
			String title = document.hasType() ? text(document.getType()) : "";
			String attachment = document.getContent().stream().map(c -> c.getAttachment().getTitle()).filter(Objects::nonNull)
					.findFirst().orElse("");
			String detail = document.hasDescription() ? document.getDescription() : attachment;
			return item(document, title.isEmpty() ? detail : title, title.isEmpty() ? "" : detail,
					document.hasDate() ? document.getDateElement().getValueAsString() : "", false);
		}
		return null;
	}

	private ErSummary.Item item(Resource resource, String title, String detail, String date, boolean warning) {
		List<String> others = ((org.hl7.fhir.r4.model.DomainResource) resource).getExtensionsByUrl(ALSO_RECORDED_BY).stream()
				.map(Extension::getValue).filter(Reference.class::isInstance).map(v -> organizationName((Reference) v)).toList();
		return new ErSummary.Item(title, detail, day(date), facility(resource), others, warning);
	}

	private List<ErSummary.LabSeries> labs(List<Resource> entries) {
		Map<String, List<Observation>> byTest = new LinkedHashMap<>();
		for (Resource resource : entries) {
			if (resource instanceof Observation observation) {
				byTest.computeIfAbsent(testKey(observation), k -> new ArrayList<>()).add(observation);
			}
		}
		List<ErSummary.LabSeries> series = new ArrayList<>();
		byTest.values().forEach(results -> {
			List<Observation> sorted = results.stream().sorted(Comparator.comparing(o -> dateOf(o.getEffective()))).toList();
			sorted = sorted.subList(Math.max(0, sorted.size() - MAX_LAB_VALUES), sorted.size());
			Observation latest = sorted.get(sorted.size() - 1);
			List<ErSummary.LabValue> values = sorted.stream().map(o -> new ErSummary.LabValue(day(dateOf(o.getEffective())),
					numberOrText(o.getValue()), o.getInterpretation().stream().flatMap(c -> c.getCoding().stream())
							.map(Coding::getCode).filter(Objects::nonNull).findFirst().orElse(""))).toList();
			List<Double> numbers = sorted.stream().filter(o -> o.getValue() instanceof Quantity q && q.hasValue())
					.map(o -> ((Quantity) o.getValue()).getValue().doubleValue()).toList();
			String unit = latest.getValue() instanceof Quantity q ? (q.hasUnit() ? q.getUnit() : q.getCode()) : "";
			series.add(new ErSummary.LabSeries(text(latest.getCode()), unit == null ? "" : unit, range(latest), facility(latest),
					values, numbers.size() == sorted.size() ? TrendChart.svg(numbers) : ""));
		});
		return series;
	}

	private ErSummary.ImagingItem imaging(ImagingStudy study) {
		String title = study.hasDescription() ? study.getDescription()
				: study.getModality().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode()).collect(Collectors.joining(" "));
		String report = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(DiagnosticReport.class::isInstance).map(DiagnosticReport.class::cast)
				.filter(r -> r.getImagingStudy().stream().anyMatch(ref -> resolve(ref, ImagingStudy.class) == study))
				.map(ErSummaryReader::reportText).filter(t -> !t.isEmpty()).findFirst().orElse("");
		String viewer = study.getEndpoint().stream().map(ref -> resolve(ref, Endpoint.class)).filter(Objects::nonNull)
				.map(Endpoint::getAddress).filter(a -> a != null && (a.startsWith("https://") || a.startsWith("http://")))
				.findFirst().orElse("");
		return new ErSummary.ImagingItem(title, day(study.hasStarted() ? study.getStartedElement().getValueAsString() : ""),
				facility(study), report, viewer);
	}

	private static String reportText(DiagnosticReport report) {
		if (report.hasConclusion()) {
			return report.getConclusion();
		}
		return report.getPresentedForm().stream().filter(a -> a.hasData() && (a.getContentType() == null || a.getContentType().startsWith("text/plain")))
				.map(Attachment::getData).map(data -> new String(data, StandardCharsets.UTF_8)).findFirst().orElse("");
	}

	private String facility(Resource resource) {
		return resource.getMeta().getTag().stream().filter(t -> HOLDING_FACILITY.equals(t.getSystem()))
				.map(t -> organizationName(new Reference(t.getCode().contains("/") ? t.getCode() : "Organization/" + t.getCode())))
				.findFirst().orElse("");
	}

	private String organizationName(Reference reference) {
		Organization organization = resolve(reference, Organization.class);
		if (organization != null && organization.hasName()) {
			return organization.getName();
		}
		return reference.hasDisplay() ? reference.getDisplay() : Objects.toString(reference.getReference(), "");
	}

	private <T extends Resource> T resolve(Reference reference, Class<T> type) {
		if (reference == null || !reference.hasReference()) {
			return null;
		}
		Resource resource = byReference.get(reference.getReference());
		if (resource == null) {
			// A relative reference to an entry with an absolute fullUrl.
			resource = byReference.get(reference.getReferenceElement().toUnqualifiedVersionless().getValue());
		}
		return type.isInstance(resource) ? type.cast(resource) : null;
	}

	private static String testKey(Observation observation) {
		return observation.getCode().getCoding().stream().findFirst().map(c -> c.getSystem() + "|" + c.getCode())
				.orElse(text(observation.getCode()));
	}

	private static String range(Observation observation) {
		if (!observation.hasReferenceRange()) {
			return "";
		}
		Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
		if (range.hasText()) {
			return range.getText();
		}
		String low = range.hasLow() ? plain(range.getLow().getValue()) : "";
		String high = range.hasHigh() ? plain(range.getHigh().getValue()) : "";
		return low.isEmpty() && high.isEmpty() ? "" : low + "–" + high;
	}

	private static String value(Type value) {
		if (value instanceof Quantity quantity) {
			return numberOrText(quantity) + (quantity.hasUnit() ? " " + quantity.getUnit() : "");
		}
		return numberOrText(value);
	}

	private static String numberOrText(Type value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Quantity quantity) {
			return quantity.hasValue() ? plain(quantity.getValue()) : "";
		}
		if (value instanceof CodeableConcept concept) {
			return text(concept);
		}
		return value.isPrimitive() ? value.primitiveValue() : "";
	}

	private static String plain(BigDecimal number) {
		return number == null ? "" : number.stripTrailingZeros().toPlainString();
	}

	private static String dateOf(Type when) {
		if (when == null || when.isEmpty()) {
			return "";
		}
		if (when instanceof org.hl7.fhir.r4.model.Period period) {
			return period.hasStart() ? period.getStartElement().getValueAsString() : "";
		}
		return when.isPrimitive() ? when.primitiveValue() : "";
	}

	/** The day of a FHIR date/dateTime ({@code 2025-03-01T10:00:00+09:00} -> {@code 2025-03-01}). */
	private static String day(String dateTime) {
		return dateTime == null ? "" : dateTime.length() > 10 ? dateTime.substring(0, 10) : dateTime;
	}

	static String text(CodeableConcept concept) {
		if (concept == null) {
			return "";
		}
		if (concept.hasText()) {
			return concept.getText();
		}
		return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode()).filter(Objects::nonNull)
				.findFirst().orElse("");
	}
}
