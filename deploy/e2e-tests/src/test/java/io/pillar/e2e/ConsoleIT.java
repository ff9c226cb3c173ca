package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium against the running stack, each user logged in on Keycloak's page: an
 * analyst changes a finding's status and sees it in the history; a responder approves a waiting playbook step; a
 * viewer is offered no approval and is refused (403) when the call is made anyway; a payments analyst never sees
 * team platform's findings. Screenshots are kept in target/console-screenshots.
 */
class ConsoleIT {
    private static String gateway;

    @BeforeAll
    static void browserPresent() {
        ConsoleBrowser.assumeInstalled();
        gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
    }

    /** A finding of team platform, imported through the API by its analyst. */
    private static String platformFinding(String marker) {
        String job = given().auth().oauth2(Keycloak.demoUser("analyst")).contentType("application/json")
                .body("{\"findings\": [{\"title\": \"" + marker + "\", \"severity\": \"high\", \"product\": "
                        + "\"console-test\", \"rule\": \"r1\", \"resources\": [{\"uid\": \"urn:" + marker + "\"}]}]}")
                .post(gateway + "/api/v1/findings/imports?format=pillar&team=platform").then().statusCode(201)
                .extract().path("id");
        return given().auth().oauth2(Keycloak.demoUser("analyst")).queryParam("import_id", job).when()
                .get(gateway + "/api/v1/findings").then().statusCode(200).extract().path("items[0].id");
    }

    @Test
    void anAnalystChangesAStatusAndSeesItInTheHistory() {
        String marker = "console-" + UUID.randomUUID();
        String id = platformFinding(marker);
        try (ConsoleBrowser analyst = ConsoleBrowser.loggedIn("analyst")) {
            Cookie session = analyst.driver.manage().getCookies().stream()
                    .filter(c -> c.getName().startsWith("q_session")).findFirst().orElseThrow();
            assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
            assertEquals("Lax", session.getSameSite());

            analyst.open("#/findings?q=" + marker, "Findings");
            analyst.waitFor(By.linkText(marker)).click();
            analyst.waitForHeading(marker);
            new Select(analyst.driver.findElement(By.cssSelector("form.change select[name=status]")))
                    .selectByValue("triaged");
            analyst.driver.findElement(By.cssSelector("form.change input[name=reason]")).sendKeys("seen in " + marker);
            analyst.driver.findElement(By.cssSelector("form.change button[type=submit]")).click();
            analyst.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.history"),
                    "seen in " + marker));
            assertTrue(analyst.driver.findElement(By.cssSelector("table.history")).getText().contains("analyst"));
            analyst.screenshot("analyst-finding-history");
            analyst.driver.findElement(By.cssSelector("details.raw summary")).click();
            analyst.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("details.raw pre"),
                    "\"title\": \"" + marker + "\""));

            // a change without the session's CSRF token is refused, and changes nothing
            assertEquals(403, analyst.fetchStatus("PATCH", "/findings/" + id,
                    "{\"status\": \"resolved\", \"reason\": \"forged\"}", false));
            assertEquals(200, analyst.fetchStatus("GET", "/findings/" + id, null, false));
            // nor is one sent from another site's page, even with the session's cookies and token
            String cookies = analyst.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
            String csrf = (String) analyst.driver.executeAsyncScript("""
                    fetch('/console/session').then(r => r.json()).then(s => arguments[0](s.csrf_token))""");
            given().header("Cookie", cookies).header("X-CSRF-Token", csrf).header("Origin", "https://evil.example")
                    .contentType("application/json").body("{\"status\": \"resolved\", \"reason\": \"forged\"}")
                    .when().patch(gateway + "/console/api/v1/findings/" + id).then().statusCode(403);
        }
        given().auth().oauth2(Keycloak.demoUser("viewer")).when().get(gateway + "/api/v1/findings/" + id).then()
                .statusCode(200).body("finding.status", is("triaged"))
                .body("history.reason", hasItem("seen in " + marker));
    }

    @Test
    void aResponderApprovesAWaitingStepAndAViewerMayNot() {
        String analystToken = Keycloak.demoUser("analyst");
        String marker = "console-run-" + UUID.randomUUID();
        String playbook = given().auth().oauth2(analystToken).contentType("application/json")
                .body(ResponseFlowIT.manualPlaybook(marker)).queryParam("team", "platform")
                .when().post(gateway + "/api/v1/playbooks").then().statusCode(201).extract().path("playbook.id");
        String run = given().auth().oauth2(analystToken).contentType("application/json").body(Map.of())
                .when().post(gateway + "/api/v1/playbooks/" + playbook + "/runs").then().statusCode(201)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given()
                .auth().oauth2(analystToken).when().get(gateway + "/api/v1/runs/" + run).then().statusCode(200)
                .body("steps.status", hasItem("waiting")));
        String step = given().auth().oauth2(analystToken).when().get(gateway + "/api/v1/runs/" + run).then()
                .extract().path("steps.find { it.status == 'waiting' }.step_id");

        try (ConsoleBrowser viewer = ConsoleBrowser.loggedIn("viewer")) {
            viewer.open("#/runs/" + run, "Run of " + marker);
            viewer.waitFor(By.cssSelector(".decision"));
            assertTrue(viewer.driver.findElements(By.cssSelector("button.approve, button.reject")).isEmpty(),
                    "a viewer is offered no decision");
            assertTrue(viewer.driver.findElement(By.cssSelector(".decision")).getText().contains("may not decide"));
            viewer.screenshot("viewer-waiting-step");
            assertEquals(403, viewer.fetchStatus("POST", "/runs/" + run + "/steps/" + step + "/complete",
                    "{\"decision\": \"approve\"}", true), "the API refuses the viewer through the console");
        }
        given().auth().oauth2(Keycloak.demoUser("viewer")).contentType("application/json")
                .body(Map.of("decision", "approve")).when()
                .post(gateway + "/api/v1/runs/" + run + "/steps/" + step + "/complete").then().statusCode(403);

        try (ConsoleBrowser responder = ConsoleBrowser.loggedIn("responder")) {
            responder.open("#/runs/" + run, "Run of " + marker);
            responder.driver.findElement(By.cssSelector(".decision input[name=comment]")).sendKeys("go ahead");
            responder.waitFor(By.cssSelector("button.approve")).click();
            responder.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "approved"));
            responder.screenshot("responder-approved-step");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given()
                .auth().oauth2(analystToken).when().get(gateway + "/api/v1/runs/" + run).then().statusCode(200)
                .body("status", is("completed")).body("steps.completed_by", hasItem("responder")));
    }

    @Test
    void aPaymentsAnalystNeverSeesTeamPlatformsFindings() {
        String marker = "console-theirs-" + UUID.randomUUID();
        String id = platformFinding(marker);
        try (ConsoleBrowser payments = ConsoleBrowser.loggedIn("analyst-payments")) {
            payments.open("#/findings?q=" + marker, "Findings");
            payments.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "No findings."));
            assertFalse(payments.driver.findElement(By.id("main")).getText().contains(marker));
            payments.screenshot("payments-search-platform-finding");
            payments.open("#/findings/" + id, "Could not load this page");
            assertTrue(payments.driver.findElement(By.id("status")).getText().startsWith("404"));
            assertEquals(404, payments.fetchStatus("GET", "/findings/" + id, null, false));
            assertEquals(404, payments.fetchStatus("PATCH", "/findings/" + id,
                    "{\"status\": \"resolved\", \"reason\": \"not mine\"}", true));
            payments.open("#/posture?scope=team:platform", "Could not load this page");
            assertTrue(payments.driver.findElement(By.id("status")).getText().startsWith("404"));
            assertEquals(404, payments.fetchStatus("GET", "/posture?scope=team:platform", null, false));
        }
    }

    @Test
    void anAnalystImportsAReportAndSeesWhatWasRejected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        String marker = "console-upload-" + UUID.randomUUID();
        java.nio.file.Path report = dir.resolve("report.json");
        java.nio.file.Files.writeString(report, "{\"findings\": [{\"title\": \"" + marker + "\", \"severity\": "
                + "\"medium\", \"product\": \"console-test\", \"rule\": \"r2\", \"resources\": [{\"uid\": \"urn:"
                + marker
                + "\"}]}, {\"severity\": \"high\"}]}");
        try (ConsoleBrowser analyst = ConsoleBrowser.loggedIn("analyst")) {
            analyst.open("#/imports", "Imports");
            new Select(analyst.driver.findElement(By.cssSelector("select[name=team]"))).selectByValue("platform");
            analyst.driver.findElement(By.cssSelector("input[name=format]")).sendKeys("pillar");
            analyst.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(report.toString());
            analyst.driver.findElement(By.xpath("//button[text()='Import']")).click();
            analyst.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                    "1 rejected"));
            String result = analyst.driver.findElement(By.id("main")).getText();
            assertTrue(result.contains("Rejected records"), result);
            analyst.screenshot("analyst-import-rejections");
            analyst.driver.findElement(By.linkText("the findings of this import")).click();
            analyst.waitFor(By.linkText(marker));
        }
    }

    /** Every section the role is offered loads without an error; the auditor verifies the ledger's chain. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"analyst", "auditor"})
    void everySectionLoads(String user) {
        try (ConsoleBrowser browser = ConsoleBrowser.loggedIn(user)) {
            java.util.List<String> sections = browser.driver.findElements(By.cssSelector("#nav a")).stream()
                    .map(a -> a.getDomAttribute("href")).toList();
            assertEquals(user.equals("auditor"), sections.contains("#/audit"), "the audit log only for auditors");
            assertTrue(sections.size() >= 8, sections.toString());
            for (String section : sections) {
                browser.driver.findElement(By.cssSelector("#nav a[href='" + section + "']")).click();
                browser.wait.until(ExpectedConditions.not(ExpectedConditions
                        .textToBe(By.cssSelector("main"), "Loading…")));
                String status = browser.driver.findElement(By.id("status")).getText();
                assertTrue(status.isEmpty(), section + " loaded with: " + status);
                assertFalse(browser.driver.findElement(By.cssSelector("main h1")).getText().isBlank(), section);
                browser.screenshot(user + "-" + (section.length() > 2 ? section.substring(2) : "overview"));
            }
            browser.open("#/", "Overview");
            assertTrue(browser.driver.findElement(By.id("main")).getText()
                    .contains("Posture by Well-Architected question"));
            // the posture comes after the rest of the page, once computed
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "SEC11"));
            browser.open("#/posture", "Well-Architected posture");
            String posture = browser.driver.findElement(By.id("main")).getText();
            assertTrue(posture.contains("SEC11") && posture.contains("Download the report (PDF)"), posture);
            browser.screenshot(user + "-posture-page");
            if (user.equals("auditor")) {
                browser.open("#/audit", "Audit log");
                browser.driver.findElement(By.xpath("//button[text()='Verify the chain']")).click();
                browser.wait
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Entries checked"));
                assertTrue(browser.driver.findElement(By.id("main")).getText().contains("valid"));
            }
        }
    }

    @Test
    void loggingOutEndsTheSession() {
        try (ConsoleBrowser viewer = ConsoleBrowser.loggedIn("viewer")) {
            viewer.driver.findElement(By.id("logout")).click();
            viewer.waitFor(By.id("username")); // back on Keycloak's login page
            viewer.driver.get(gateway + "/console/session");
            viewer.waitFor(By.id("username"));
            assertTrue(viewer.driver.getCurrentUrl().contains("/protocol/openid-connect/auth"),
                    viewer.driver.getCurrentUrl());
        }
        // without a session the console's API relays nothing: a script is told to log in again (499)
        given().header("X-Requested-With", "JavaScript").redirects().follow(false).when()
                .get(gateway + "/console/api/v1/findings").then().statusCode(499);
        given().header("X-Requested-With", "JavaScript").contentType("application/json").body("{}")
                .redirects().follow(false).when().post(gateway + "/console/api/v1/subscriptions").then()
                .statusCode(499);
    }
}
