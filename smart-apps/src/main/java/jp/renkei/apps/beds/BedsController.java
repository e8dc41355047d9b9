package jp.renkei.apps.beds;

import jp.renkei.apps.fhir.AccessTokenSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 空床状況: the bed availability page. */
@Controller
class BedsController {

	private final BedAvailabilityService beds;
	private final AccessTokenSource appToken;

	/** The bed board shows no patient: it reads with the apps' own system token. */
	BedsController(BedAvailabilityService beds, AccessTokenSource appToken) {
		this.beds = beds;
		this.appToken = appToken;
	}

	@GetMapping("/beds")
	String index(Model model) {
		model.addAttribute("census", beds.currentCensus(appToken));
		return "beds/index";
	}
}
