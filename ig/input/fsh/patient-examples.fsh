Instance: renkei-patient-chiba-hanako
InstanceOf: JP_Patient
Title: "千葉 花子"
Description: "同意・文書・救急サマリーの例で使う患者。千葉みなと中央病院の患者記録（架空）。The patient of the consent, document and emergency summary examples: her record at Chiba Minato Central Hospital (fictitious)."
Usage: #example
* identifier[0].system = "urn:oid:1.2.392.100495.20.3.51.11210112346"
* identifier[0].value = "00123456"
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
* address[0].text = "〒263-0023 千葉県千葉市稲毛区緑町9-9-9"
* address[0].postalCode = "263-0023"
* address[0].state = "千葉県"
* address[0].city = "千葉市稲毛区"
* address[0].line = "緑町9-9-9"
* managingOrganization = Reference(renkei-organization-chiba-minato-hospital) "千葉みなと中央病院"
