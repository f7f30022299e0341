// Reader benchmark: the scenario and timeline readers on the largest inputs their limits
// allow, each beside its floor (QJsonDocument::fromJson of the same bytes: parsing alone,
// nothing checked). Every reader must run in time linear in its input; a quadratic check
// (the 220,000-drop scenario once took 434 s) shows up here as a ratio far above the rest.
//
//   build/tests/bench_readers            (ctest -L bench -R bench_readers)
//
// It checks what each reader answers (the big files load, the refused ones give their one
// line) and prints the times; it never fails on time.

#include "export/timelineexporter.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenarioreader.h"
#include "timeline/timelinereader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <functional>

using namespace idem;

namespace {

/// The best of three runs, in milliseconds.
double bestMs(const std::function<void()> &run)
{
    double best = 1e300;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        best = std::min(best, double(t.nsecsElapsed()) / 1e6);
    }
    return best;
}

/// The largest scenario the limits allow: 50 clients, 10,000 requests and every distinct
/// drop (each request, attempt and message once: 220,000).
Scenario largestScenario()
{
    Scenario s;
    s.name = QStringLiteral("largest");
    s.title = QStringLiteral("The largest scenario the limits allow");
    s.description = QStringLiteral("50 clients, 10000 requests, 220000 drops");
    for (int c = 0; c < ScenarioReader::maxClients; ++c)
        s.clients.push_back({QStringLiteral("Client %1").arg(c + 1), c % 2});
    for (int r = 0; r < ScenarioReader::maxRequests; ++r) {
        RequestSpec spec;
        spec.id = QStringLiteral("R%1").arg(r + 1);
        spec.client = r % ScenarioReader::maxClients;
        spec.atUs = qint64(r) * 1000;
        spec.key = QStringLiteral("K%1").arg(r + 1);
        s.requests.push_back(spec);
    }
    for (const RequestSpec &r : s.requests)
        for (int attempt = 1; attempt <= ScenarioReader::maxAttempt; ++attempt)
            for (const DropPoint point : {DropPoint::Request, DropPoint::Response})
                s.drops.push_back({r.id, attempt, point});
    return s;
}

/// A timeline embedding that scenario, with 1,000 nodes, 10,000 attempts and as many events
/// as fit under the 64 MiB limit.
RunResult largestRun(const Scenario &scenario, int events)
{
    RunResult run;
    run.scenario = scenario;
    for (int n = 0; n < TimelineReader::maxNodes; ++n)
        run.nodes.push_back({QStringLiteral("node-%1").arg(n), QStringLiteral("Node %1").arg(n),
                             n == 0 ? NodeKind::Client : NodeKind::Router, -1});
    for (int a = 0; a < scenario.requests.size(); ++a) {
        Attempt attempt;
        attempt.request = scenario.requests[a].id;
        attempt.client = scenario.requests[a].client;
        attempt.clientNode = 0;
        attempt.key = *scenario.requests[a].key;
        attempt.sentUs = scenario.requests[a].atUs;
        run.attempts.push_back(attempt);
    }
    for (int e = 0; e < events; ++e) {
        Event ev;
        ev.t = e;
        ev.seq = e;
        ev.from = e % TimelineReader::maxNodes;
        ev.to = (e + 1) % TimelineReader::maxNodes;
        ev.request = e % run.attempts.size();
        ev.key = run.attempts[ev.request].key;
        ev.label = QStringLiteral("POST ") + ev.key;
        ev.caption =
            QStringLiteral("Node %1 sends POST /payments to node %2").arg(ev.from).arg(ev.to);
        run.events.push_back(ev);
    }
    run.endUs = events;
    return run;
}

QByteArray hugeUnknownField(bool inSettings)
{
    const QByteArray name(15 * 1024 * 1024, 'x');
    const QByteArray field = "\"" + name + "\": 1";
    return inSettings
               ? R"({"name": "t", "title": "T", "description": "D", "settings": {)" + field + "}}"
               : "{" + field + "}";
}

int failures = 0;

void report(const char *what, qint64 bytes, double readerMs, double floorMs, bool answered)
{
    std::printf("%-44s %9.1f MB %10.1f ms  floor %8.1f ms  x%5.1f  %s\n", what, double(bytes) / 1e6,
                readerMs, floorMs, readerMs / floorMs, answered ? "ok" : "WRONG ANSWER");
    std::fflush(stdout);
    if (!answered)
        ++failures;
}

void benchScenario(const char *what, const QByteArray &json, bool shouldLoad)
{
    ScenarioLoad load;
    const double reader = bestMs([&] { load = ScenarioLoader::fromJson(json, "bench.json"); });
    const double floor = bestMs([&] { (void)QJsonDocument::fromJson(json); });
    const bool answered =
        shouldLoad ? bool(load.scenario) : !load.scenario && !load.error.isEmpty();
    if (!load.error.isEmpty())
        std::printf("  %s\n", qPrintable(load.error.left(160)));
    report(what, json.size(), reader, floor, answered);
}

// A timeline of `scenario` with as many events as fit under the 64 MiB limit.
void benchTimeline(const char *what, const Scenario &scenario)
{
    const qint64 perEvent = (TimelineExporter::render(largestRun(scenario, 2000)).size() -
                             TimelineExporter::render(largestRun(scenario, 1000)).size()) /
                            1000;
    const qint64 base = TimelineExporter::render(largestRun(scenario, 0)).size();
    const int events = int(std::min<qint64>(
        TimelineReader::maxEvents, (TimelineReader::maxFileBytes * 95 / 100 - base) / perEvent));
    const QByteArray timeline = TimelineExporter::render(largestRun(scenario, events));
    TimelineLoad load;
    const double reader =
        bestMs([&] { load = TimelineReader::fromJson(timeline, QStringLiteral("bench.json")); });
    const double floor = bestMs([&] { (void)QJsonDocument::fromJson(timeline); });
    if (!load.error.isEmpty())
        std::printf("  %s\n", qPrintable(load.error.left(160)));
    const QByteArray name = QByteArray(what) + ", " + QByteArray::number(events) + " events";
    report(name.constData(), timeline.size(), reader, floor, bool(load.run));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Scenario scenario = largestScenario();
    const QByteArray scenarioJson =
        QJsonDocument(ScenarioLoader::toJson(scenario)).toJson(QJsonDocument::Compact);
    benchScenario("scenario: 10000 requests, 220000 drops", scenarioJson, true);
    benchScenario("scenario: 15 MB unknown field at the top", hugeUnknownField(false), false);
    benchScenario("scenario: 15 MB unknown field in settings", hugeUnknownField(true), false);

    Scenario small = scenario;
    small.drops.clear();
    benchTimeline("timeline: that scenario", scenario);
    benchTimeline("timeline: it without drops", small);
    return failures == 0 ? 0 : 1;
}
