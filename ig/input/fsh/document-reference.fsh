Profile: RenkeiDocumentReference
Parent: JP_DocumentReference
Id: renkei-document-reference
Title: "Renkei DocumentReference 地域共有文書"
Description: "地域医療連携ネットワークで共有する診療文書（退院時サマリー、診療情報提供書、返書、同意書など）への参照。A clinical document shared in the region (discharge summary, referral letter 診療情報提供書, reply, consent form) and where to get its content."
* ^status = #draft
* identifier MS
* status MS
* type 1..1 MS
* type from RenkeiDocumentTypeVS (extensible)
* type ^short = "文書種別 / kind of document"
* category MS
* subject 1..1 MS
* subject only Reference($JP_Patient)
* date 1..1 MS
* date ^short = "文書の登録日時 / when the reference was created"
* author MS
* author only Reference($JP_Practitioner or $JP_PractitionerRole or RenkeiOrganization)
* custodian 1..1 MS
* custodian only Reference(RenkeiOrganization)
* custodian ^short = "文書を管理する参加施設 / the facility that keeps the document"
* securityLabel MS
* securityLabel ^short = "機微情報区分（同意の除外条件と照合） / sensitivity, matched against consent exclusions"
* content MS
* content.attachment MS
* content.attachment obeys renkei-docref-1
* content.attachment.contentType 1..1 MS
* content.attachment.language MS
* content.attachment.data MS
* content.attachment.url MS
* content.attachment.title MS
* context.encounter MS
* context.period MS

Invariant: renkei-docref-1
Description: "文書の本体は url（Binary 等）か data（base64）で渡す / the content is given by url (e.g. a Binary) or inline data"
Severity: #error
Expression: "url.exists() or data.exists()"

ValueSet: RenkeiDocumentTypeVS
Id: renkei-document-type
Title: "Renkei Document Type 地域共有文書種別"
Description: "地域で共有する文書の種別（LOINC）。Kinds of document shared in the region (LOINC)."
* ^status = #draft
* ^experimental = false
* $LOINC#18842-5 "Discharge summary"
* $LOINC#57133-1 "Referral note"
* $LOINC#11488-4 "Consult note"
* $LOINC#59284-0 "Patient Consent"

Instance: renkei-docref-referral-chiba-hanako
InstanceOf: RenkeiDocumentReference
Title: "診療情報提供書（千葉みなと中央病院 → ふなばし内科クリニック）"
Description: "退院後のかかりつけ医への診療情報提供書（PDF、Binary で提供。架空）。A referral letter to the family clinic after discharge, as a PDF held in a Binary (fictitious)."
Usage: #example
* identifier[0].system = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier"
* identifier[0].value = "1210112346^2026^RF-000123"
* status = #current
* docStatus = #final
* type = $LOINC#57133-1 "Referral note"
* type.text = "診療情報提供書"
* subject = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* date = "2026-06-10T16:45:00+09:00"
* author[0] = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* custodian = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* description = "心不全増悪で入院、退院後の外来フォローをお願いする紹介状"
* content[0].attachment.contentType = #application/pdf
* content[0].attachment.language = #ja
* content[0].attachment.url = "Binary/renkei-referral-letter-000123"
* content[0].attachment.title = "診療情報提供書_千葉花子_20260610.pdf"
* content[0].attachment.creation = "2026-06-10T16:30:00+09:00"
* context.period.start = "2026-05-28"
* context.period.end = "2026-06-10"

Instance: renkei-docref-discharge-summary-chiba-hanako
InstanceOf: RenkeiDocumentReference
Title: "退院時サマリー（本文をテキストで同梱）"
Description: "本文を base64 のテキストで同梱した退院時サマリー（架空）。A discharge summary whose text is carried inline as base64 (fictitious)."
Usage: #example
* status = #current
* docStatus = #final
* type = $LOINC#18842-5 "Discharge summary"
* type.text = "退院時サマリー"
* subject = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* date = "2026-06-10T17:00:00+09:00"
* custodian = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* content[0].attachment.contentType = #text/plain
* content[0].attachment.language = #ja
// "入院期間: 2026-05-28〜2026-06-10\n診断: 慢性心不全の急性増悪\n" in UTF-8
* content[0].attachment.data = "5YWl6Zmi5pyf6ZaTOiAyMDI2LTA1LTI444CcMjAyNi0wNi0xMAroqLrmlq06IOaFouaAp+W/g+S4jeWFqOOBruaApeaAp+Wil+aCqgo="
* content[0].attachment.title = "退院時サマリー"

Instance: renkei-docref-consent-form-chiba-hanako
InstanceOf: RenkeiDocumentReference
Title: "署名済み同意書（スキャン）"
Description: "包括同意の署名済み同意書をスキャンした PDF（架空）。The scanned, signed form of the comprehensive consent (fictitious)."
Usage: #example
* status = #current
* type = $LOINC#59284-0 "Patient Consent"
* type.text = "地域医療連携 同意書"
* subject = Reference(renkei-patient-chiba-hanako) "千葉 花子"
* date = "2026-04-01T10:45:00+09:00"
* custodian = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
* content[0].attachment.contentType = #application/pdf
* content[0].attachment.url = "Binary/renkei-consent-form-chiba-hanako"
* content[0].attachment.title = "同意書_千葉花子_20260401.pdf"
