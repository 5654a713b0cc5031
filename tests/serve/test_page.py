"""The web checker's page in headless Chromium: a writer types copy and
sees the finding highlighted with its message; drops a deck and sees where
in it. The server's URL, the deck and where to save the screenshot come
from tests/serve_page.rs."""

import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["PHRASELINT_URL"]


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1200,800"]:
        options.add_argument(arg)
    # Debian's driver, named, so Selenium never downloads one.
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def wait_for(browser, what):
    return WebDriverWait(browser, 20).until(what)


def test_typed_copy_is_highlighted_with_its_message(browser):
    browser.get(URL)
    wait_for(browser, seen.text_to_be_present_in_element((By.ID, "books"), "partner-ai"))
    browser.find_element(By.ID, "copy").send_keys(
        "Launch notes\n\nOur assistant enables access to partner models.")
    mark = wait_for(browser, seen.presence_of_element_located((By.CSS_SELECTOR, "#view mark")))
    assert mark.text == "enables access"
    assert "error" in mark.get_attribute("class")
    item = browser.find_element(By.CSS_SELECTOR, "#findings li")
    assert "partner-ai/" in item.text
    assert "line 3, column 15" in item.text
    assert "Try: " in item.text
    assert browser.find_element(By.ID, "status").text == "1 finding."
    browser.save_screenshot(os.environ["SCREENSHOT"])


def test_markup_in_copy_is_shown_as_text(browser):
    browser.get(URL)
    name = browser.find_element(By.ID, "filename")
    name.clear()
    name.send_keys("note.txt")
    browser.find_element(By.ID, "copy").send_keys(
        '<img src=x onerror="document.title=1"> It enables access to partner models.')
    mark = wait_for(browser, seen.presence_of_element_located((By.CSS_SELECTOR, "#view mark")))
    assert mark.text == "enables access"
    view = browser.find_element(By.ID, "view")
    assert view.find_elements(By.TAG_NAME, "img") == []
    assert view.text.startswith('<img src=x onerror="document.title=1">')


def test_a_dropped_deck_shows_where_each_finding_is(browser):
    browser.get(URL)
    browser.find_element(By.ID, "file").send_keys(os.environ["DECK"])
    wait_for(browser, seen.presence_of_element_located((By.CSS_SELECTOR, "#findings li")))
    items = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#findings li")]
    assert any("slide " in text for text in items), items
    assert browser.find_element(By.ID, "view").is_displayed() is False
