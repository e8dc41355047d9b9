package jp.renkei.server.demo;

/**
 * Canonical URLs of the profiles, extensions, code systems and identifier systems the demo region
 * uses: the project's own (module ig, {@code renkei.r4}), JP Core 1.2.0's as its examples spell
 * them, and HL7's. Kept in one place so a change of version or canonical base touches one file.
 */
final class Canonicals {

	/** The project IG's canonical base (a placeholder under example.jp, see ig/README.md). */
	static final String RENKEI = "http://renkei.example.jp/fhir/";
	static final String RENKEI_ORGANIZATION = RENKEI + "StructureDefinition/renkei-organization";
	static final String RENKEI_BED_LOCATION = RENKEI + "StructureDefinition/renkei-bed-location";
	static final String RENKEI_DOCUMENT_REFERENCE = RENKEI + "StructureDefinition/renkei-document-reference";
	static final String RENKEI_FACILITY_TYPE = RENKEI + "CodeSystem/renkei-facility-type";

	static final String PROFILE = "http://jpfhir.jp/fhir/core/StructureDefinition/";
	static final String JP_LOCATION = PROFILE + "JP_Location";
	static final String JP_PRACTITIONER = PROFILE + "JP_Practitioner";
	static final String JP_PRACTITIONER_ROLE = PROFILE + "JP_PractitionerRole";
	static final String JP_PATIENT = PROFILE + "JP_Patient";
	static final String JP_ENCOUNTER = PROFILE + "JP_Encounter";
	static final String JP_CONDITION = PROFILE + "JP_Condition";
	static final String JP_ALLERGY_INTOLERANCE = PROFILE + "JP_AllergyIntolerance";
	static final String JP_MEDICATION_REQUEST = PROFILE + "JP_MedicationRequest";
	static final String JP_SPECIMEN = PROFILE + "JP_Specimen_Common";
	static final String JP_OBSERVATION_LAB_RESULT = PROFILE + "JP_Observation_LabResult";
	static final String JP_IMAGING_STUDY_RADIOLOGY = PROFILE + "JP_ImagingStudy_Radiology";
	static final String JP_PROCEDURE = PROFILE + "JP_Procedure";

	static final String EXTENSION = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/";
	static final String EXT_PREFECTURE_NO = EXTENSION + "JP_Organization_PrefectureNo";
	static final String EXT_ORGANIZATION_CATEGORY = EXTENSION + "JP_Organization_InsuranceOrganizationCategory";
	static final String EXT_ORGANIZATION_NO = EXTENSION + "JP_Organization_InsuranceOrganizationNo";
	static final String EXT_PERIOD_OF_USE = EXTENSION + "JP_MedicationDosage_PeriodOfUse";
	static final String EXT_USAGE_DURATION = EXTENSION + "JP_MedicationDosage_UsageDuration";
	static final String EXT_NAME_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
	static final String EXT_GEOLOCATION = "http://hl7.org/fhir/StructureDefinition/geolocation";

	static final String MEDICAL_INSTITUTION_NO = "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no";
	static final String PREFECTURE_NO_2DIGITS = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits";
	static final String FEE_SCORE_TYPE = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationFeeScoreType";
	static final String MEDICAL_ORGANIZATION_ID = "http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicalOrganizationID";
	/** Patient ids: this prefix, then 1 and the facility's 10-digit code (JP_Patient.identifier). */
	static final String PATIENT_ID_OID_PREFIX = "urn:oid:1.2.392.100495.20.3.51.1";
	/** Physicians' staff ids: this prefix, then 1 and the facility's 10-digit code (JP_Practitioner.identifier). */
	static final String PHYSICIAN_ID_OID_PREFIX = "urn:oid:1.2.392.100495.20.3.41.1";
	static final String MEDICAL_REGISTRATION_NUMBER = "http://jpfhir.jp/fhir/core/mhlw/IdSystem/medicalRegistrationNumber";
	static final String MEDICAL_LICENSE_CERTIFICATE = "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicalLicenseCertificate_CS";
	static final String RESOURCE_INSTANCE_IDENTIFIER = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier";
	static final String RP_GROUP_NUMBER = "http://jpfhir.jp/fhir/core/mhlw/IdSystem/Medication-RPGroupNumber";
	static final String ADMINISTRATION_INDEX = "http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicationAdministrationIndex";

	static final String DISEASE_RECEIPT = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterB-disease";
	static final String ICD10_2013 = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full";
	static final String HOT9 = "http://medis.or.jp/CodeSystem/master-HOT9";
	static final String YJ_CODE = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code";
	static final String MEDICATION_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/JP_MedicationCategoryMERIT9_CS";
	static final String MEDICATION_USAGE_JAMI = "http://jami.jp/CodeSystem/MedicationUsage";
	static final String ROUTE_CODES = "http://jpfhir.jp/fhir/core/CodeSystem/route-codes";
	static final String METHOD_DETAIL_USAGE = "http://jami.jp/CodeSystem/MedicationMethodDetailUsage";
	static final String STRENGTH_TYPE = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationIngredientStrengthStrengthType";
	static final String MERIT9_UNIT = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationUnitMERIT9Code";
	static final String JLAC10 = "http://medis.or.jp/CodeSystem/master-JLAC10-17digits";
	static final String CLINS_CORE_LABO = "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_CoreLabo_CS";
	static final String SIMPLE_OBSERVATION_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
	static final String FOOD_ALLERGEN = "http://jpfhir.jp/fhir/core/CodeSystem/JP_JfagyFoodAllergen_CS";
	static final String MEDICATION_ALLERGEN = "http://jpfhir.jp/fhir/core/CodeSystem/JP_JfagyMedicationAllergen_CS";
	static final String DOCUMENT_CODES = "http://jpfhir.jp/fhir/core/CodeSystem/JP_DocumentCodes_CS";
	static final String PROCEDURE_CATEGORY = "http://jpfhir.jp/fhir/core/CodeSystem/JP_ProcedureCategory_CS";
	static final String PROCEDURE_CODES_MEDICAL = "http://jpfhir.jp/fhir/core/CodeSystem/JP_ProcedureCodesMedical_CS";
	static final String PROCEDURE_OUTCOME = "http://jpfhir.jp/fhir/core/CodeSystem/JP_ProcedureOutcome_CS";

	static final String UCUM = "http://unitsofmeasure.org";
	static final String SNOMED = "http://snomed.info/sct";
	static final String LOINC = "http://loinc.org";
	static final String DICOM_DCM = "http://dicom.nema.org/resources/ontology/DCM";
	static final String DICOM_UIDS = "http://hl7.org/fhir/uv/imaging-service-request-ig/CodeSystem/dicom-uids";
	static final String V2_0116_BED_STATUS = "http://terminology.hl7.org/CodeSystem/v2-0116";
	static final String V2_0487_SPECIMEN_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0487";
	static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
	static final String V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
	static final String V3_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
	static final String LOCATION_PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
	static final String PRACTITIONER_ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";
	static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
	static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
	static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
	static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
	static final String ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
	static final String REFERENCE_RANGE_MEANING = "http://terminology.hl7.org/CodeSystem/referencerange-meaning";
	static final String ENDPOINT_CONNECTION_TYPE = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";
	static final String DISCHARGE_DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition";

	private Canonicals() {}
}
