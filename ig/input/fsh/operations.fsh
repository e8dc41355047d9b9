// The server's own operations on Patient: the emergency summary, and the review of the regional
// identity (which facility records are the same person). Patient/$match is FHIR's own operation
// (http://hl7.org/fhir/OperationDefinition/Patient-match) and is not redefined here.

RuleSet: OperationMetadata(date)
* version = "0.1.0"
* status = #draft
* kind = #operation
* experimental = false
* date = "{date}"
* publisher = "Renkei project"
* jurisdiction = urn:iso:std:iso:3166#JP "Japan"
* resource[0] = #Patient
* system = false
* type = false
* instance = true

// What $identity answers, and $link and $unlink after their change: a Parameters resource.
RuleSet: IdentityOutput
* parameter[+].name = #person
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Identifier
* parameter[=].documentation = "地域共通ID：この記録が属する人（system http://renkei.example.jp/fhir/sid/regional-person）。The regional person id of the record (system http://renkei.example.jp/fhir/sid/regional-person)."
* parameter[+].name = #link
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "同じ人に紐付いた記録（この記録自身を含む）、施設ごとに1件。The records linked to the same person (this record included), one per facility record."
* parameter[=].part[+].name = #record
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[=].part[=].documentation = "紐付いた患者記録 / the linked Patient record"
* parameter[=].part[+].name = #facility
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Organization"
* parameter[=].part[=].documentation = "記録を管理する施設（managingOrganization） / the facility that keeps the record (its managingOrganization)"
* parameter[=].part[+].name = #kind
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #code
* parameter[=].part[=].documentation = "紐付けの由来：new（新しい人の最初の記録）、auto（照合スコアが自動紐付けの閾値以上）、confirmed（$link / $unlink で確認者が決めた）。How the record came to this person: new (the first record of a new person), auto (scored at least the automatic link threshold), confirmed (placed by a reviewer with $link or $unlink)."
* parameter[=].part[+].name = #score
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #decimal
* parameter[=].part[=].documentation = "自動紐付けの照合スコア（0〜1） / the match score of an automatic link (0 to 1)"
* parameter[+].name = #possibleMatch
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "確認すべき他の人の記録：照合スコアが確認の閾値以上で、確認者が別人と判断していないもの。Records of other persons a reviewer should look at: scoring at least the review threshold, not separated from this record by a reviewer."
* parameter[=].part[+].name = #record
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[=].part[=].documentation = "候補の患者記録 / the candidate Patient record"
* parameter[=].part[+].name = #facility
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 0
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #Reference
* parameter[=].part[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Organization"
* parameter[=].part[=].documentation = "候補の記録を管理する施設 / the facility that keeps the candidate record"
* parameter[=].part[+].name = #score
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #decimal
* parameter[=].part[=].documentation = "照合スコア（0〜1） / the match score (0 to 1)"
* parameter[=].part[+].name = #grade
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].type = #code
* parameter[=].part[=].binding.strength = #required
* parameter[=].part[=].binding.valueSet = "http://hl7.org/fhir/ValueSet/match-grade"
* parameter[=].part[=].documentation = "照合の確からしさ（certain / probable / possible / certainly-not） / the match grade"

Instance: renkei-patient-summary
InstanceOf: OperationDefinition
Title: "Emergency summary 救急サマリー"
Description: "救急サマリー：地域で紐付いた全施設の患者記録を統合し、同意に従って見せてよいものだけを載せた FHIR 文書。The emergency summary: one FHIR document merged from every facility record the region links to the patient, consent-filtered."
Usage: #definition
* name = "RenkeiPatientSummary"
* title = "Emergency summary 救急サマリー"
* insert OperationMetadata(2026-12-06)
* description = "GET Patient/[id]/$summary：救急医が1回の要求で得る患者の要約。地域で [id] と同一人物として紐付いた全施設の患者記録を統合し、呼び出し元が同意に基づいて見てよいものだけを載せた FHIR 文書（Bundle.type = document、最初のエントリは LOINC 60591-5 の Composition）を返す。セクションは renkei-summary-section の各コード：6情報（アレルギー、薬剤禁忌、感染症、傷病名、処方、検査）、手術・処置、受診歴、画像検査、文書、統合した記録、除外した記録。複数施設が記録した同じ項目は1件にまとめ、他の施設を拡張 also-recorded-by で示す。各エントリは保有施設のタグ（holding-facility）を持つ。見せられない患者・存在しない患者はどちらも 404。救急アクセス（break-the-glass）はこの要求の間だけ紐付いた記録にも及ぶ。患者コンテキストのトークンでは本人の記録のみ。返す各資源型の読み取りスコープが必要で、他の読み取りと同じく監査される。GET Patient/[id]/$summary: what an emergency physician needs in one request. Merges every facility Patient record the region links to [id] and keeps only what the caller may see under the patients' consent, as a FHIR document (Bundle.type document whose first entry is a Composition of LOINC type 60591-5) with one section per code of renkei-summary-section: the 6 information (allergies, drug contraindications, infections, problems, medications, labs), procedures, encounters, imaging, documents, and the merged and excluded records. An item recorded by several facilities appears once, naming the others in the extension also-recorded-by; every entry carries its holding-facility tag. A hidden patient and an unknown one both answer 404. Emergency access (break-the-glass) opened for [id] covers the linked records within this request only; a patient-context token gets the patient's own record only. Needs read scope on every type returned; audited like any read."
* code = #summary
* affectsState = false
* parameter[+].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Bundle
* parameter[=].documentation = "FHIR 文書（Bundle.type = document）。Composition は renkei-summary-section のコードごとに1セクションを持ち、地域で紐付いた施設の記録を統合し、同意で絞り込んだもの。空のセクションは emptyReason nilknown と「記録なし」。A FHIR document (Bundle.type document) whose Composition has one section per code of renkei-summary-section (http://renkei.example.jp/fhir/CodeSystem/summary-section), merged across the region's linked facility records, consent-filtered. An empty section has emptyReason nilknown and the narrative 記録なし."

Instance: renkei-patient-identity
InstanceOf: OperationDefinition
Title: "Regional identity of a patient record 地域共通IDの確認"
Description: "患者記録の地域共通ID、同じ人に紐付いた記録、確認すべき候補。プライバシー管理者と地域運用者のみ。A patient record's regional person, its linked records and the possible matches to review; privacy officers and region operators only."
Usage: #definition
* name = "RenkeiPatientIdentity"
* title = "Regional identity of a patient record 地域共通IDの確認"
* insert OperationMetadata(2026-12-06)
* description = "GET Patient/[id]/$identity：施設の患者記録 [id] が地域でどの人（地域共通ID）に属するか、同じ人に紐付いた各施設の記録（紐付けの由来とスコア）、確認すべき他の人の候補（照合スコアと確からしさ）を Parameters で返す。呼び出せるのはプライバシー管理者（ロール privacy-officer）と地域運用者（renkei.consent.region-operator-clients のバックエンドクライアント）だけで、それ以外は 403。呼び出しは監査証跡に記録される。GET Patient/[id]/$identity: which regional person the facility Patient record [id] belongs to, the records of every facility linked to that person (how each was linked, and its score) and the records of other persons a reviewer should look at (score and match grade), as Parameters. Only privacy officers (role privacy-officer) and region operators (the backend clients in renkei.consent.region-operator-clients) may call it; anyone else gets 403. Every call is audited."
* code = #identity
* affectsState = false
* insert IdentityOutput

Instance: renkei-patient-link
InstanceOf: OperationDefinition
Title: "Link patient records 患者記録の紐付け"
Description: "別の患者記録を同じ人として確定的に紐付ける。プライバシー管理者と地域運用者のみ。Confirms another patient record as the same person; privacy officers and region operators only."
Usage: #definition
* name = "RenkeiPatientLink"
* title = "Link patient records 患者記録の紐付け"
* insert OperationMetadata(2026-12-06)
* description = "POST Patient/[id]/$link：other の患者記録を [id] と同じ人（地域共通ID）に移し、確認済み（confirmed）とする。2つの記録の間に記録された「別人」の判断は取り消される。応答は変更後の [id] の $identity と同じ Parameters。呼び出せるのはプライバシー管理者（ロール privacy-officer）と地域運用者（renkei.consent.region-operator-clients のバックエンドクライアント）だけで、それ以外は 403。呼び出しは監査証跡に記録される。POST Patient/[id]/$link: the record other joins [id]'s regional person, confirmed by a reviewer; a separation recorded between the two records is lifted. Answers with [id]'s $identity after the change. Only privacy officers (role privacy-officer) and region operators (the backend clients in renkei.consent.region-operator-clients) may call it; anyone else gets 403. Every call is audited."
* code = #link
* affectsState = true
* parameter[+].name = #other
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].type = #Reference
* parameter[=].targetProfile = "http://hl7.org/fhir/StructureDefinition/Patient"
* parameter[=].documentation = "[id] と同じ人として紐付ける別の患者記録（Patient/<id>、[id] 自身は不可） / the other Patient record to link to [id]'s person (Patient/<id>, not [id] itself)"
* insert IdentityOutput

Instance: renkei-patient-unlink
InstanceOf: OperationDefinition
Title: "Unlink a patient record 患者記録の紐付け解除"
Description: "患者記録を紐付いた人から切り離す。プライバシー管理者と地域運用者のみ。Separates a patient record from its person; privacy officers and region operators only."
Usage: #definition
* name = "RenkeiPatientUnlink"
* title = "Unlink a patient record 患者記録の紐付け解除"
* insert OperationMetadata(2026-12-06)
* description = "POST Patient/[id]/$unlink：患者記録 [id] をそれだけの新しい人（地域共通ID）とし、離れた各記録とは「別人」と記録して、以後自動では紐付けない。入力パラメータはない。応答は変更後の [id] の $identity と同じ Parameters。呼び出せるのはプライバシー管理者（ロール privacy-officer）と地域運用者（renkei.consent.region-operator-clients のバックエンドクライアント）だけで、それ以外は 403。呼び出しは監査証跡に記録される。POST Patient/[id]/$unlink: the record [id] becomes a regional person of its own and is recorded as separated from every record it leaves, so they are never linked automatically again. No input parameters. Answers with [id]'s $identity after the change. Only privacy officers (role privacy-officer) and region operators (the backend clients in renkei.consent.region-operator-clients) may call it; anyone else gets 403. Every call is audited."
* code = #unlink
* affectsState = true
* insert IdentityOutput
