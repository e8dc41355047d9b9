package jp.renkei.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EHR feeders retry: the same conditional transaction sent twice at the same moment must succeed
 * twice and store one copy.
 */
class ConditionalTransactionRaceIT extends AbstractRequestIT {

	private static final int ROUNDS = 10;
	private static ExecutorService threads;

	@BeforeAll
	static void startThreads() {
		threads = Executors.newFixedThreadPool(2);
	}

	@AfterAll
	static void stopThreads() {
		threads.shutdownNow();
	}

	@Test
	void concurrentConditionalCreatesStoreOneCopy() throws Exception {
		raceAndAssertOneCopy(marker -> """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,
				  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=%s|%s"}}]}"""
				.formatted(UUID.randomUUID(), jpPatientJson(marker), JP_PATIENT_ID_SYSTEM, marker));
	}

	@Test
	void concurrentConditionalUpdatesStoreOneCopy() throws Exception {
		raceAndAssertOneCopy(marker -> """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,
				  "request":{"method":"PUT","url":"Patient?identifier=%s|%s"}}]}"""
				.formatted(UUID.randomUUID(), jpPatientJson(marker), JP_PATIENT_ID_SYSTEM, marker));
	}

	@Test
	void concurrentFeedsOfAPatientAndARecordReferringToItStoreOneCopyOfEach() throws Exception {
		raceAndAssertOneCopy(marker -> {
			String patientUuid = UUID.randomUUID().toString();
			String basic = basicJson(marker).replace("\"code\":",
					"\"subject\":{\"reference\":\"urn:uuid:" + patientUuid + "\"},\"code\":");
			return """
					{"resourceType":"Bundle","type":"transaction","entry":[
					 {"fullUrl":"urn:uuid:%s","resource":%s,
					  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=%s|%s"}},
					 {"fullUrl":"urn:uuid:%s","resource":%s,
					  "request":{"method":"PUT","url":"Basic?identifier=%s|%s"}}]}"""
					.formatted(patientUuid, jpPatientJson(marker), JP_PATIENT_ID_SYSTEM, marker,
							UUID.randomUUID(), basic, MARKER_SYSTEM, marker);
		}, "Basic");
	}

	/** Sends the same bundle from two threads at once, for several fresh identifiers. */
	private void raceAndAssertOneCopy(Function<String, String> bundleFor, String... alsoStored) throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String marker = newMarker();
			byte[] bundle = utf8(bundleFor.apply(marker));
			CountDownLatch ready = new CountDownLatch(2);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				responses.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return send("POST", "", FHIR_JSON, bundle);
				}));
			}
			ready.await();
			go.countDown();

			for (Future<HttpResponse<String>> response : responses) {
				HttpResponse<String> answer = response.get();
				assertThat(answer.statusCode()).as("round %d: %s", round, answer.body()).isEqualTo(200);
			}
			assertThat(countByIdentifier("Patient", marker)).as("round %d", round).isEqualTo(1);
			for (String type : alsoStored) {
				assertThat(countByIdentifier(type, marker)).as("round %d %s", round, type).isEqualTo(1);
			}
		}
	}
}
