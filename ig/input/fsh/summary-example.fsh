// An emergency summary document as Patient/[id]/$summary returns it, for the example patient 千葉 花子
// whose records at two facilities the region links: what SummaryComposer writes, in its order.
// Every resource in it is fictitious.

Alias: $ListEmptyReason = http://terminology.hl7.org/CodeSystem/list-empty-reason
Alias: $AllergyClinical = http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical
Alias: $AllergyVerification = http://terminology.hl7.org/CodeSystem/allergyintolerance-verification
Alias: $ConditionClinical = http://terminology.hl7.org/CodeSystem/condition-clinical
Alias: $ConditionVerification = http://terminology.hl7.org/CodeSystem/condition-ver-status
Alias: $HoldingFacility = http://renkei.example.jp/fhir/CodeSystem/holding-facility

RuleSet: SummarySectionCode(loinc, code, display)
* section[=].code.coding[+] = $LOINC#{loinc}
* section[=].code.coding[+] = RenkeiSummarySection#{code} "{display}"

RuleSet: EmptySummarySection(title)
* section[=].title = "{title}"
* section[=].text.status = #generated
* section[=].text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">記録なし (no information)</div>"
* section[=].emptyReason = $ListEmptyReason#nilknown "Nil Known"

Instance: renkei-summary-chiba-hanako
InstanceOf: Bundle
Title: "救急サマリー（千葉 花子、2施設の記録を統合）"
Description: "Patient/renkei-patient-chiba-hanako/$summary の応答の例：千葉みなと中央病院とふなばし内科クリニックの記録を統合した救急サマリー。両施設が記録した糖尿病は1件にまとめ also-recorded-by で他施設を示し、各項目は保有施設のタグを持つ（架空）。An example answer of Patient/renkei-patient-chiba-hanako/$summary: the emergency summary merged from the records of Chiba Minato Central Hospital and Funabashi Internal Medicine Clinic. The diabetes both recorded appears once, naming the other facility in also-recorded-by; every item carries its holding-facility tag (fictitious)."
Usage: #example
* identifier.system = "urn:ietf:rfc:3986"
* identifier.value = "urn:uuid:0c6f5e9a-2d7b-4a51-9f3e-6b8d1a4c7e20"
* type = #document
* timestamp = "2026-12-06T10:15:00+09:00"
// The server (SummaryComposer) gives the Composition the fullUrl urn:uuid:<id>; from there its
// relative references (Patient/x, ...) cannot be resolved by FHIR's rules, which the validator
// reports as errors. Under the server's base URL, as here, they resolve to the entries below.
* entry[+].fullUrl = "http://renkei.example.jp/fhir/Composition/5d3a1c2e-7b4f-4e8a-9c61-2f0b8d4e7a13"
* entry[=].resource = 5d3a1c2e-7b4f-4e8a-9c61-2f0b8d4e7a13
* entry[+].fullUrl = "http://renkei.example.jp/fhir/Patient/renkei-patient-chiba-hanako"
* entry[=].resource = renkei-patient-chiba-hanako
* entry[+].fullUrl = "http://renkei.example.jp/fhir/Patient/renkei-patient-chiba-hanako-funabashi"
* entry[=].resource = renkei-patient-chiba-hanako-funabashi
* entry[+].fullUrl = "http://renkei.example.jp/fhir/AllergyIntolerance/renkei-allergy-egg-chiba-hanako"
* entry[=].resource = renkei-allergy-egg-chiba-hanako
* entry[+].fullUrl = "http://renkei.example.jp/fhir/AllergyIntolerance/renkei-allergy-penicillin-chiba-hanako"
* entry[=].resource = renkei-allergy-penicillin-chiba-hanako
* entry[+].fullUrl = "http://renkei.example.jp/fhir/Condition/renkei-condition-diabetes-chiba-hanako"
* entry[=].resource = renkei-condition-diabetes-chiba-hanako
* entry[+].fullUrl = "http://renkei.example.jp/fhir/Organization/renkei-organization-chiba-minato-hospital"
* entry[=].resource = renkei-organization-chiba-minato-hospital
* entry[+].fullUrl = "http://renkei.example.jp/fhir/Organization/renkei-organization-funabashi-clinic"
* entry[=].resource = renkei-organization-funabashi-clinic

Instance: 5d3a1c2e-7b4f-4e8a-9c61-2f0b8d4e7a13
InstanceOf: Composition
Usage: #inline
* status = #final
* type = $LOINC#60591-5 "Patient summary Document"
* type.text = "救急サマリー"
* subject = Reference(Patient/renkei-patient-chiba-hanako) "千葉 花子"
* date = "2026-12-06T10:15:00+09:00"
* author.display = "地域医療連携 FHIR サーバ (Renkei)"
* title = "救急サマリー (Emergency summary)"
* section[+].title = "アレルギー"
* insert SummarySectionCode(48765-2, allergies, Allergies)
* section[=].entry[+] = Reference(AllergyIntolerance/renkei-allergy-egg-chiba-hanako)
* section[+].title = "薬剤禁忌"
* section[=].code.coding[+] = RenkeiSummarySection#contraindications "Drug contraindications"
* section[=].entry[+] = Reference(AllergyIntolerance/renkei-allergy-penicillin-chiba-hanako)
* section[+].code.coding[+] = RenkeiSummarySection#infections "Infections"
* insert EmptySummarySection(感染症)
* section[+].title = "傷病名"
* insert SummarySectionCode(11450-4, problems, Active problems)
* section[=].entry[+] = Reference(Condition/renkei-condition-diabetes-chiba-hanako)
* section[+].code.coding[+] = $LOINC#10160-0
* section[=].code.coding[+] = RenkeiSummarySection#medications "Current medication"
* insert EmptySummarySection(処方)
* section[+].code.coding[+] = $LOINC#30954-2
* section[=].code.coding[+] = RenkeiSummarySection#labs "Recent lab results"
* insert EmptySummarySection(検査)
* section[+].code.coding[+] = $LOINC#47519-4
* section[=].code.coding[+] = RenkeiSummarySection#procedures "Operations and procedures"
* insert EmptySummarySection(手術・処置)
* section[+].code.coding[+] = $LOINC#46240-8
* section[=].code.coding[+] = RenkeiSummarySection#encounters "Recent encounters"
* insert EmptySummarySection(受診歴)
* section[+].code.coding[+] = $LOINC#18748-4
* section[=].code.coding[+] = RenkeiSummarySection#imaging "Imaging studies"
* insert EmptySummarySection(画像検査)
* section[+].code.coding[+] = $LOINC#55107-7
* section[=].code.coding[+] = RenkeiSummarySection#documents "Documents"
* insert EmptySummarySection(文書)
* section[+].title = "統合した記録"
* section[=].code.coding[+] = RenkeiSummarySection#merged-records "Merged facility records"
* section[=].text.status = #generated
* section[=].text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">統合した医療機関の記録: 千葉みなと中央病院、ふなばし内科クリニック</div>"
* section[=].entry[+] = Reference(Patient/renkei-patient-chiba-hanako)
* section[=].entry[+] = Reference(Patient/renkei-patient-chiba-hanako-funabashi)

Instance: renkei-patient-chiba-hanako-funabashi
InstanceOf: JP_Patient
Title: "千葉 花子（ふなばし内科クリニックの記録）"
Description: "ふなばし内科クリニックが管理する千葉 花子の患者記録。地域で千葉みなと中央病院の記録と同一人物として紐付いている（架空）。Chiba Hanako's record at Funabashi Internal Medicine Clinic, linked by the region to her hospital record (fictitious)."
Usage: #inline
* identifier[0].system = "urn:oid:1.2.392.100495.20.3.51.11210456784"
* identifier[0].value = "A-004512"
* name[0].extension[0].url = $EN-representation
* name[0].extension[0].valueCode = #IDE
* name[0].use = #official
* name[0].text = "千葉 花子"
* name[0].family = "千葉"
* name[0].given = "花子"
* name[1].extension[0].url = $EN-representation
* name[1].extension[0].valueCode = #SYL
* name[1].use = #official
* name[1].text = "チバ ハナコ"
* name[1].family = "チバ"
* name[1].given = "ハナコ"
* gender = #female
* birthDate = "1948-04-12"
* managingOrganization = Reference(Organization/renkei-organization-funabashi-clinic) "ふなばし内科クリニック"

Instance: renkei-allergy-egg-chiba-hanako
InstanceOf: JP_AllergyIntolerance
Title: "鶏卵アレルギー（千葉みなと中央病院）"
Description: "千葉みなと中央病院が記録した食物アレルギー（架空）。A food allergy recorded by Chiba Minato Central Hospital (fictitious)."
Usage: #inline
* meta.tag = $HoldingFacility#renkei-organization-chiba-minato-hospital
* clinicalStatus = $AllergyClinical#active "Active"
* verificationStatus = $AllergyVerification#confirmed "Confirmed"
* category = #food
* criticality = #high
* code.text = "鶏卵"
* patient = Reference(Patient/renkei-patient-chiba-hanako) "千葉 花子"
* recordedDate = "2026-04-01"
* reaction[0].manifestation[0].text = "じんま疹、呼吸困難"
* reaction[0].severity = #severe

Instance: renkei-allergy-penicillin-chiba-hanako
InstanceOf: JP_AllergyIntolerance
Title: "ペニシリン系抗菌薬の薬剤禁忌（ふなばし内科クリニック）"
Description: "ふなばし内科クリニックが記録した薬剤アレルギー。category が medication なので救急サマリーでは薬剤禁忌のセクションに入る（架空）。A drug allergy recorded by Funabashi Internal Medicine Clinic; of category medication, so the summary shows it under drug contraindications (fictitious)."
Usage: #inline
* meta.tag = $HoldingFacility#renkei-organization-funabashi-clinic
* clinicalStatus = $AllergyClinical#active "Active"
* verificationStatus = $AllergyVerification#confirmed "Confirmed"
* category = #medication
* criticality = #high
* code.text = "ペニシリン系抗菌薬"
* patient = Reference(Patient/renkei-patient-chiba-hanako-funabashi) "千葉 花子"
* recordedDate = "2025-11-18"
* reaction[0].manifestation[0].text = "アナフィラキシー"
* reaction[0].severity = #severe

Instance: renkei-condition-diabetes-chiba-hanako
InstanceOf: JP_Condition
Title: "2型糖尿病（両施設が記録、1件に統合）"
Description: "両施設が記録した2型糖尿病。救急サマリーでは新しい方（千葉みなと中央病院）の記録を1件だけ示し、もう一方の施設を also-recorded-by で示す（架空）。Type 2 diabetes, recorded by both facilities: the summary shows the newer record (the hospital's) once and names the other facility in also-recorded-by (fictitious)."
Usage: #inline
* meta.tag = $HoldingFacility#renkei-organization-chiba-minato-hospital
* extension[0].url = "http://renkei.example.jp/fhir/StructureDefinition/also-recorded-by"
* extension[0].valueReference = Reference(Organization/renkei-organization-funabashi-clinic) "ふなばし内科クリニック"
* clinicalStatus = $ConditionClinical#active "Active"
* verificationStatus = $ConditionVerification#confirmed "Confirmed"
* code.text = "2型糖尿病"
* subject = Reference(Patient/renkei-patient-chiba-hanako) "千葉 花子"
* onsetDateTime = "2019-06"
* recordedDate = "2026-04-01"
