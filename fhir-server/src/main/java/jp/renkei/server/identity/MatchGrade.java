package jp.renkei.server.identity;

/** FHIR's match-grade codes ({@code http://hl7.org/fhir/StructureDefinition/match-grade}). */
public enum MatchGrade {
	CERTAIN("certain"),
	PROBABLE("probable"),
	POSSIBLE("possible"),
	CERTAINLY_NOT("certainly-not");

	public static final String EXTENSION = "http://hl7.org/fhir/StructureDefinition/match-grade";

	private final String code;

	MatchGrade(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
