package io.vsip4x.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The VM list under concurrent clients against a static file of the same portal, in one run: the
 * page {@code /vms} in a signed-in session, {@code GET /api/v1/vms?status=1&size=50} with HTTP
 * Basic, and {@code GET /api/v1/me} with HTTP Basic (what signing in costs every API request).
 */
final class ListPhase {

    static final String STATIC = "/static/css/portal.css";
    static final String PAGE = "/vms";
    static final String API_LIST = "/api/v1/vms?status=1&size=50";
    static final String API_ME = "/api/v1/me";

    /** The figures, and how many VMs one answer of the list API carried. */
    record Result(Stats staticFile, Stats page, Stats apiList, Stats apiMe, int apiListedVms, int pageBytes) {
    }

    private ListPhase() {
    }

    static Result run(PortalClient portal, Options options) throws IOException, InterruptedException {
        HttpClient session = portal.signIn(Seeder.BIG_ADMIN, Seeder.PASSWORD);
        HttpClient http = portal.http();
        HttpRequest staticFile = HttpRequest.newBuilder(portal.uri(STATIC)).timeout(PortalClient.TIMEOUT).build();
        HttpRequest page = HttpRequest.newBuilder(portal.uri(PAGE)).timeout(PortalClient.TIMEOUT).build();
        HttpRequest apiList = portal.apiGet(API_LIST, Seeder.BIG_ADMIN);
        HttpRequest apiMe = portal.apiGet(API_ME, Seeder.BIG_ADMIN);

        HttpResponse<String> first = http.send(apiList, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("GET " + API_LIST + " answered " + first.statusCode());
        }
        int listed = PortalClient.listedVms(first.body());
        HttpResponse<String> firstPage = session.send(page, HttpResponse.BodyHandlers.ofString());
        if (firstPage.statusCode() != 200) {
            throw new IllegalStateException("GET " + PAGE + " answered " + firstPage.statusCode());
        }
        Benchmark.LOG.info("  one answer: {} carries {} VMs; {} is {} KiB", API_LIST, listed, PAGE,
                firstPage.body().length() / 1024);

        List<Stats> stats = new ArrayList<>();
        stats.add(measure("static " + STATIC, http, staticFile, options));
        stats.add(measure("page " + PAGE, session, page, options));
        stats.add(measure("API " + API_LIST, http, apiList, options));
        stats.add(measure("API " + API_ME, http, apiMe, options));
        return new Result(stats.get(0), stats.get(1), stats.get(2), stats.get(3), listed,
                firstPage.body().length());
    }

    /** {@code request} sent by the clients over the warm-up and the measured time, answered 200 to count. */
    static Stats measure(String name, HttpClient client, HttpRequest request, Options options)
            throws InterruptedException {
        Stats stats = Load.run(name, options.clients(), options.warmup(), options.duration(),
                () -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200, null);
        Benchmark.LOG.info("  {}", Report.line(stats));
        return stats;
    }
}
