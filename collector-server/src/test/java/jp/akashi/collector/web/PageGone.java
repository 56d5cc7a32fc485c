package jp.akashi.collector.web;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;

/**
 * Waits until an element of the page being left is gone. Chromium sometimes answers a question
 * about a node of the page being replaced with "Node with given id does not belong to the
 * document" (a plain WebDriverException) instead of a stale element; that means gone too, and
 * Selenium's own {@code stalenessOf} would fail the test on it.
 */
final class PageGone {

    private PageGone() {
    }

    static ExpectedCondition<Boolean> of(WebElement old) {
        return (WebDriver d) -> {
            try {
                old.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }
}
