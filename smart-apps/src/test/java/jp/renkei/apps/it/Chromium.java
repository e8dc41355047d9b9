package jp.renkei.apps.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser: Debian's {@code chromium} driven through {@code chromium-driver} by
 * Selenium (bin/test installs both), as a desktop or as a 360 px wide phone. Pages are used
 * without JavaScript of their own (the apps send none); the tests use it only to measure.
 */
public final class Chromium implements AutoCloseable {

	static final Path CHROMEDRIVER = Path.of(System.getProperty("renkei.chromedriver", "/usr/bin/chromedriver"));
	static final Path CHROMIUM = Path.of(System.getProperty("renkei.chromium", "/usr/bin/chromium"));
	static final Duration PAGE_TIMEOUT = Duration.ofSeconds(90);

	public final WebDriver driver;

	private Chromium(boolean phone) {
		if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER + " are needed: apt-get install chromium chromium-driver");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--lang=ja", "--no-first-run",
				"--disable-extensions");
		if (phone) {
			options.setExperimentalOption("mobileEmulation",
					Map.of("deviceMetrics", Map.of("width", 360, "height", 740, "pixelRatio", 2.0)));
		} else {
			options.addArguments("--window-size=1280,1024");
		}
		if ("root".equals(System.getProperty("user.name"))) {
			options.addArguments("--no-sandbox");
		}
		driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(),
				options);
		driver.manage().timeouts().pageLoadTimeout(PAGE_TIMEOUT);
	}

	public static Chromium desktop() {
		return new Chromium(false);
	}

	/** A 360 x 740 CSS pixel viewport, as the smallest common phones. */
	public static Chromium phone() {
		return new Chromium(true);
	}

	public void open(String url) {
		driver.get(url);
	}

	public String text(String cssSelector) {
		return driver.findElement(By.cssSelector(cssSelector)).getText();
	}

	public boolean has(String cssSelector) {
		return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
	}

	public void click(String cssSelector) {
		driver.findElement(By.cssSelector(cssSelector)).click();
	}

	public void type(String cssSelector, String text) {
		driver.findElement(By.cssSelector(cssSelector)).sendKeys(text);
	}

	public String currentUrl() {
		return driver.getCurrentUrl();
	}

	/** Whether the page is wider than the viewport (a horizontal scroll bar on a phone). */
	public long overflowPixels() {
		Object overflow = ((JavascriptExecutor) driver).executeScript(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		return ((Number) overflow).longValue();
	}

	public <T> T waitFor(String what, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, PAGE_TIMEOUT).withMessage(what).until(condition::apply);
	}

	/** Waits until an element matching {@code cssSelector} is on the page. */
	public void waitForElement(String cssSelector) {
		waitFor(cssSelector + " on " + driver.getCurrentUrl(), d -> !d.findElements(By.cssSelector(cssSelector)).isEmpty());
	}

	/** Saves target/browser-{name}.png and the page's HTML beside it (for a failed test, or the README). */
	public void screenshot(String name) {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(png, target.resolve("browser-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(target.resolve("browser-" + name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
		} catch (IOException | RuntimeException e) {
			System.err.println("Could not save a screenshot of " + name + ": " + e);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}
}
