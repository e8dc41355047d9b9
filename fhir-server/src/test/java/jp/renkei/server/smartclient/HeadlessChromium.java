package jp.renkei.server.smartclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser: Debian's {@code chromium} driven through Debian's
 * {@code chromium-driver} ({@code /usr/bin/chromedriver}) by Selenium. bin/test installs both
 * when missing. {@link #screenshot(String)} writes {@code target/browser-<name>.png} (and the
 * page source beside it) for a failed test.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMEDRIVER = Path.of(System.getProperty("renkei.chromedriver", "/usr/bin/chromedriver"));
	static final Path CHROMIUM = Path.of(System.getProperty("renkei.chromium", "/usr/bin/chromium"));

	final WebDriver driver;

	HeadlessChromium() {
		if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER + " are needed:"
					+ " apt-get install chromium chromium-driver (bin/test does it)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024",
				"--lang=ja", "--no-first-run", "--disable-extensions");
		if ("root".equals(System.getProperty("user.name"))) {
			// Chromium refuses to start its sandbox as root (CI runs as root).
			options.addArguments("--no-sandbox");
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort().build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
	}

	void open(String url) {
		driver.get(url);
	}

	String currentUrl() {
		return driver.getCurrentUrl();
	}

	String text(String cssSelector) {
		return driver.findElement(By.cssSelector(cssSelector)).getText();
	}

	<T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, timeout).withMessage(what).until(condition::apply);
	}

	/** Saves what the browser shows as target/browser-{name}.png and its HTML as target/browser-{name}.html. */
	void screenshot(String name) {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			Path png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(png, target.resolve("browser-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(target.resolve("browser-" + name + ".html"),
					"<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
		} catch (IOException | RuntimeException e) {
			System.err.println("Could not save a screenshot of " + name + ": " + e);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}
}
