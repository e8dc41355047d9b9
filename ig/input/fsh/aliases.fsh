// JP Core 1.2.0
Alias: $JP_Patient = http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient
Alias: $JP_Practitioner = http://jpfhir.jp/fhir/core/StructureDefinition/JP_Practitioner
Alias: $JP_PractitionerRole = http://jpfhir.jp/fhir/core/StructureDefinition/JP_PractitionerRole
Alias: $JP_Organization = http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization
Alias: $JP_Location = http://jpfhir.jp/fhir/core/StructureDefinition/JP_Location
Alias: $JP_Encounter = http://jpfhir.jp/fhir/core/StructureDefinition/JP_Encounter
Alias: $JP_Organization_PrefectureNo = http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo
Alias: $JP_Organization_InsuranceOrganizationCategory = http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationCategory
Alias: $JP_Organization_InsuranceOrganizationNo = http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationNo
// 医療機関コード (10 digits) — the identifier system JP_Organization fixes for its medicalInstitutionCode slice
Alias: $MedicalInstitutionNo = http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no
Alias: $MedicalOrganizationID = http://jpfhir.jp/fhir/core/mhlw/IdSystem/MedicalOrganizationID
Alias: $PrefectureNo = http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits
Alias: $MedicationFeeScoreType = http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationFeeScoreType

// FHIR R4 core and HL7 terminology
Alias: $geolocation = http://hl7.org/fhir/StructureDefinition/geolocation
Alias: $EN-representation = http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation
Alias: $LocationPhysicalType = http://terminology.hl7.org/CodeSystem/location-physical-type
Alias: $v2-0116 = http://terminology.hl7.org/CodeSystem/v2-0116
Alias: $v2-0116-vs = http://terminology.hl7.org/ValueSet/v2-0116
Alias: $v3-RoleCode = http://terminology.hl7.org/CodeSystem/v3-RoleCode
Alias: $v3-ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $v3-ParticipationType = http://terminology.hl7.org/CodeSystem/v3-ParticipationType
Alias: $ConsentScope = http://terminology.hl7.org/CodeSystem/consentscope
Alias: $RestfulSecurityService = http://terminology.hl7.org/CodeSystem/restful-security-service
Alias: $LOINC = http://loinc.org
