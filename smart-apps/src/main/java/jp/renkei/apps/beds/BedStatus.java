package jp.renkei.apps.beds;

import java.util.Arrays;
import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;

/**
 * A bed's operational status ({@code Location.operationalStatus}), from HL7 v2 table 0116 "Bed
 * Status", in the order the bed page lists them.
 */
public enum BedStatus {
	UNOCCUPIED("U"),
	OCCUPIED("O"),
	HOUSEKEEPING("H"),
	ISOLATED("I"),
	CONTAMINATED("K"),
	CLOSED("C"),
	/** No status, or a code outside v2-0116: the bed cannot be offered. */
	UNKNOWN(null);

	public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0116";

	private final String code;

	BedStatus(String code) {
		this.code = code;
	}

	/** The v2-0116 code, or {@code null} for {@link #UNKNOWN}. */
	public String code() {
		return code;
	}

	/** Key of the status's label in messages_*.properties. */
	public String messageKey() {
		return "beds.status." + name().toLowerCase(Locale.ROOT);
	}

	/** The status a coding stands for; codes of other systems are {@link #UNKNOWN}. */
	public static BedStatus of(Coding coding) {
		if (coding == null || !SYSTEM.equals(coding.getSystem())) {
			return UNKNOWN;
		}
		return Arrays.stream(values())
				.filter(status -> status.code != null && status.code.equals(coding.getCode()))
				.findFirst()
				.orElse(UNKNOWN);
	}
}
