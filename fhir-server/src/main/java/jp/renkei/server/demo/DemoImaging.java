package jp.renkei.server.demo;

/**
 * Radiology studies the demo hospitals perform: DICOM modality, the SOP class of the images, the
 * body part (SNOMED CT) and the study description a radiology information system would show.
 * Series hold a few dozen images instead of the hundreds a real CT has, to keep the demo light.
 */
enum DemoImaging {
	CHEST_RADIOGRAPH("CR", "Computed Radiography", "1.2.840.10008.5.1.4.1.1.1", "51185008", "Thoracic structure",
			"胸部単純Ｘ線撮影", 1, 2),
	CHEST_CT("CT", "Computed Tomography", "1.2.840.10008.5.1.4.1.1.2", "51185008", "Thoracic structure",
			"胸部ＣＴ", 2, 20),
	HIP_RADIOGRAPH("CR", "Computed Radiography", "1.2.840.10008.5.1.4.1.1.1", "24136001", "Hip joint structure",
			"股関節単純Ｘ線撮影", 1, 2),
	HEAD_MR("MR", "Magnetic Resonance", "1.2.840.10008.5.1.4.1.1.4", "69536005", "Head structure",
			"頭部ＭＲＩ（拡散強調像を含む）", 3, 12),
	ABDOMEN_CT("CT", "Computed Tomography", "1.2.840.10008.5.1.4.1.1.2", "113345001", "Abdominal structure",
			"腹部造影ＣＴ", 2, 24);

	private final String modality;
	private final String modalityDisplay;
	private final String sopClass;
	private final String bodySiteCode;
	private final String bodySiteDisplay;
	private final String description;
	private final int seriesCount;
	private final int instancesPerSeries;

	DemoImaging(String modality, String modalityDisplay, String sopClass, String bodySiteCode, String bodySiteDisplay,
			String description, int seriesCount, int instancesPerSeries) {
		this.modality = modality;
		this.modalityDisplay = modalityDisplay;
		this.sopClass = sopClass;
		this.bodySiteCode = bodySiteCode;
		this.bodySiteDisplay = bodySiteDisplay;
		this.description = description;
		this.seriesCount = seriesCount;
		this.instancesPerSeries = instancesPerSeries;
	}

	String modality() {
		return modality;
	}

	String modalityDisplay() {
		return modalityDisplay;
	}

	String sopClass() {
		return sopClass;
	}

	String bodySiteCode() {
		return bodySiteCode;
	}

	String bodySiteDisplay() {
		return bodySiteDisplay;
	}

	String description() {
		return description;
	}

	int seriesCount() {
		return seriesCount;
	}

	int instancesPerSeries() {
		return instancesPerSeries;
	}
}
