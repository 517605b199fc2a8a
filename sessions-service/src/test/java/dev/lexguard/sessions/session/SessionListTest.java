package dev.lexguard.sessions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The administrator's view: every filter, order, paging, CSV export, and bad input as problems. */
@QuarkusTest
class SessionListTest {

    private TestFirm firm;
    private UUID alice;
    private UUID bob;
    private UUID contact;
    private UUID aliceLondon;
    private UUID aliceChangchun;
    private UUID bobSweden;
    private UUID bobJapan;
    private UUID contactLondon;
    private Instant base;

    /**
     * Five sessions: Alice in London then Changchun (impossible travel; ended), Bob in Sweden then Japan over IPv6
     * (impossible travel), a portal contact in London.
     */
    @BeforeEach
    void sessions() {
        firm = Fixtures.firm();
        alice = UUID.randomUUID();
        bob = UUID.randomUUID();
        contact = UUID.randomUUID();
        base = Instant.now().minus(Duration.ofHours(3));
        aliceLondon = firm.session(alice, EventsProducer.LONDON, base);
        aliceChangchun = firm.session(alice, EventsProducer.CHANGCHUN, base.plus(Duration.ofMinutes(10)));
        bobSweden = firm.session(bob, EventsProducer.LINKOPING, base.plus(Duration.ofMinutes(20)));
        bobJapan = firm.session(bob, "2001:218::7", base.plus(Duration.ofMinutes(30)));
        contactLondon = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), contact, ActorType.CONTACT, contactLondon, "81.2.69.150",
                EventsProducer.CHROME_WINDOWS, null, base.plus(Duration.ofMinutes(40)));
        firm.awaitSession(contactLondon, s -> true);
        firm.asAdmin().delete("/api/v1/sessions/{id}", aliceChangchun).then().statusCode(204);
    }

    private List<String> ids(String query) {
        return firm.asAdmin().get("/api/v1/sessions" + query).then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private static String s(UUID id) {
        return id.toString();
    }

    @Test
    void allSessionsByLastActivityNewestFirst() {
        // ending a session is not activity: Alice's Changchun session stays where it was last used
        assertThat(ids("")).containsExactly(s(contactLondon), s(bobJapan), s(bobSweden), s(aliceChangchun), s(aliceLondon));
    }

    @Test
    void filterByUserAndActorType() {
        assertThat(ids("?userId=" + alice)).containsExactly(s(aliceChangchun), s(aliceLondon));
        assertThat(ids("?actorType=contact")).containsExactly(s(contactLondon));
        assertThat(ids("?userId=" + contact + "&actorType=user")).isEmpty();
    }

    @Test
    void filterByIpv4AddressAndCidr() {
        assertThat(ids("?ip=81.2.69.142")).containsExactly(s(aliceLondon));
        assertThat(ids("?ip=81.2.69.0/24")).containsExactly(s(contactLondon), s(aliceLondon));
        assertThat(ids("?ip=81.2.69.142/31")).containsExactly(s(aliceLondon));
        assertThat(ids("?ip=175.16.0.0/16")).containsExactly(s(aliceChangchun));
    }

    @Test
    void filterByIpv6Cidr() {
        assertThat(ids("?ip=2001:218::/32")).containsExactly(s(bobJapan));
        assertThat(ids("?ip=2001:218:0:0:0:0:0:7")).containsExactly(s(bobJapan));
        assertThat(ids("?ip=2001:db8::/32")).isEmpty();
    }

    @Test
    void anAddressTheSessionMovedToMatchesToo() {
        EventsProducer.sessionActive(firm.firmId(), bob, bobSweden, "216.160.83.58", Instant.now());
        firm.awaitSession(bobSweden, j -> j.getList("addresses").size() == 2);
        assertThat(ids("?ip=216.160.83.56/29")).containsExactly(s(bobSweden));
        assertThat(ids("?ip=89.160.20.112")).containsExactly(s(bobSweden));
        assertThat(ids("?country=US")).containsExactly(s(bobSweden));
    }

    @Test
    void filterByCountryUnusualAndStatus() {
        assertThat(ids("?country=gb")).containsExactly(s(contactLondon), s(aliceLondon));
        assertThat(ids("?country=CN")).containsExactly(s(aliceChangchun));
        // Sweden then Japan ten minutes later is impossible travel too
        assertThat(ids("?unusual=true")).containsExactly(s(bobJapan), s(aliceChangchun));
        assertThat(ids("?unusual=false")).hasSize(5);
        assertThat(ids("?status=ended")).containsExactly(s(aliceChangchun));
        assertThat(ids("?status=active&userId=" + alice)).containsExactly(s(aliceLondon));
    }

    @Test
    void filterByTimeRange() {
        Instant from = base.plus(Duration.ofMinutes(25));
        Instant to = base.plus(Duration.ofMinutes(35));
        // alive in the range: started before its end, and last seen (or ended) after its start
        assertThat(ids("?from=" + from + "&to=" + to)).containsExactly(s(bobJapan), s(aliceChangchun));
        assertThat(ids("?from=" + from + "&to=" + to + "&status=active")).containsExactly(s(bobJapan));
        assertThat(ids("?to=" + base.plus(Duration.ofMinutes(15)))).containsExactly(s(aliceChangchun), s(aliceLondon));
        assertThat(ids("?from=" + Instant.now().plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = firm.asAdmin().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/sessions");
            page.then().statusCode(200);
            all.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).containsExactlyElementsOf(ids(""));
    }

    @ParameterizedTest
    @CsvSource({
        "ip, 10.0.0.0/33",
        "ip, 10.0.0.1/abc",
        "ip, 300.1.1.1",
        "ip, example.com",
        "ip, 2001:db8::/129",
        "userId, not-a-uuid",
        "actorType, robot",
        "country, GBR",
        "unusual, yes",
        "from, yesterday",
        "status, paused"})
    void malformedFiltersAreProblemsNamingTheParameter(String name, String value) {
        firm.asAdmin().queryParam(name, value).get("/api/v1/sessions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-filter"))
                .body("errors.field", hasItems(name));
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsAProblem() {
        firm.asAdmin().get("/api/v1/sessions?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void aGarbageCursorOrLimitIsAProblem() {
        firm.asAdmin().get("/api/v1/sessions?cursor=garbage").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        firm.asAdmin().get("/api/v1/sessions?limit=0").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed"));
    }

    @Test
    void onlyAdministratorsSeeTheFirmsSessions() {
        firm.as(alice, aliceLondon).get("/api/v1/sessions").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(alice, aliceLondon).get("/api/v1/sessions/export").then().statusCode(403);
        firm.as(alice, aliceLondon).get("/api/v1/sessions/{id}", bobSweden).then().statusCode(404);
        firm.as(alice, aliceLondon).get("/api/v1/sessions/mine").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void anotherFirmsAdministratorSeesNoneOfThem() {
        Fixtures.firm().asAdmin().get("/api/v1/sessions?ip=81.2.69.0/24").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItems(s(aliceLondon))));
    }

    @Test
    void csvExportHasAHeaderAndOneRowPerSessionInListOrder() {
        Response csv = firm.asAdmin().accept("text/csv").get("/api/v1/sessions/export?country=GB");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("X-Export-Truncated", "false")
                .header("Content-Disposition", "attachment; filename=\"sessions.csv\"");
        String[] lines = csv.asString().split("\r\n");
        assertThat(lines[0]).startsWith("id,userId,actorType,clientIp,countryCode,country,city");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(contactLondon + "," + contact + ",contact,81.2.69.150,GB,United Kingdom,London,");
        assertThat(lines[2]).startsWith(aliceLondon + "," + alice + ",user,81.2.69.142,GB");
        assertThat(lines[2]).contains(",Chrome 120,Windows 10,desktop,,");
        assertThat(lines[2]).contains("\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\"");
        firm.asAdmin().accept("text/csv").get("/api/v1/sessions/export?ip=nonsense").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void csvCellsThatLookLikeFormulasAreDefused() {
        UUID session = UUID.randomUUID();
        EventsProducer.sessionStarted(firm.firmId(), alice, ActorType.USER, session, "=cmd|' /C calc'!A0",
                "=HYPERLINK(\"http://evil.example\")", null, Instant.now());
        firm.awaitSession(session, j -> true);
        String csv = firm.asAdmin().accept("text/csv").get("/api/v1/sessions/export?userId=" + alice).then().statusCode(200)
                .extract().asString();
        assertThat(csv).contains("'=cmd|' /C calc'!A0").contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        firm.asAdmin().get("/api/v1/sessions/{id}", session).then().body("location.countryCode", nullValue());
    }
}
