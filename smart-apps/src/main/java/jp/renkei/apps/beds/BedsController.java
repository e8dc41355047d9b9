package jp.renkei.apps.beds;

import jp.renkei.apps.fhir.AccessTokenSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 空床状況: the bed availability page. */
@Controller
class BedsController {

	private final BedAvailabilityService beds;

	BedsController(BedAvailabilityService beds) {
		this.beds = beds;
	}

	@GetMapping("/beds")
	String index(Model model) {
		// Anonymous until SMART authorization supplies the user's token.
		model.addAttribute("census", beds.currentCensus(AccessTokenSource.none()));
		return "beds/index";
	}
}
