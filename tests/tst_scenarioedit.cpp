// Headless scenario edits: each edit, each cascade, each refusal; what an edit leaves is what a
// saved file reads back as, and the engine runs it the same.
#include "export/timelineexporter.h"
#include "scenario/scenarioedit.h"
#include "scenario/scenarioreader.h"
#include "scenario/scenariowriter.h"
#include "sim/simulation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace idem;

using Edit = std::function<QString(ScenarioEdit &)>;
using Check = std::function<void(const Scenario &)>;
Q_DECLARE_METATYPE(Edit)
Q_DECLARE_METATYPE(Check)

namespace {

/// The new scenario, plus R2 (K2) from Client 2 at 100 ms, a drop of R2's response, a failed
/// charge of R2 and a cache outage: something for every cascade to take away.
ScenarioEdit richEdit()
{
    ScenarioEdit edit;
    [&] {
        QCOMPARE(edit.addRequest(1, 100'000), QString());
        DropSpec drop;
        drop.request = QStringLiteral("R2");
        QCOMPARE(edit.addDrop(drop), QString());
        FaultSpec fail;
        fail.kind = FaultKind::Fail;
        fail.request = QStringLiteral("R2");
        QCOMPARE(edit.addFault(fail), QString());
        FaultSpec outage;
        outage.kind = FaultKind::CacheDown;
        outage.fromUs = 0;
        outage.untilUs = 1'000'000;
        QCOMPARE(edit.addFault(outage), QString());
    }();
    return edit;
}

QByteArray fileBytes(const Scenario &s)
{
    return QJsonDocument(ScenarioWriter::toJson(s)).toJson();
}

QByteArray runBytes(const Scenario &s)
{
    const auto outcome = Simulation::run(s);
    if (!outcome.result)
        return outcome.error.toUtf8();
    return TimelineExporter::render(*outcome.result);
}

/// The rows of the drops' and faults' field edits, on edits()'s columns: on richEdit(),
/// drops[0] is R2's response, faults[0] R2's failed charge, faults[1] a cache outage 0–1000 ms.
void addFieldRows()
{
    const Edit nothing = [](ScenarioEdit &) { return QString(); };
    const Check none = [](const Scenario &) {};
    const auto add = [](FaultKind kind) {
        return [kind](ScenarioEdit &e) { return e.addFault(kind, 2'500'400); };
    };
    const auto then = [](const Edit &first, const QString &field, const QString &text) {
        return Edit([=](ScenarioEdit &e) {
            const QString error = first(e);
            return error.isEmpty() ? e.setFaultField(2, field, text) : error;
        });
    };
    // Done: the entry (`drops[1]`) as the file writes it, and the engine runs the scenario.
    const auto done = [nothing](const char *name, const Edit &edit, const QString &entry,
                                const QString &json) {
        const Check check = [=](const Scenario &s) {
            const QString list = entry.left(entry.indexOf(QLatin1Char('[')));
            const int index = entry.mid(list.size() + 1).chopped(1).toInt();
            QCOMPARE(ScenarioWriter::toJson(s).value(list).toArray().at(index).toObject(),
                     QJsonDocument::fromJson(json.toUtf8()).object());
            QVERIFY(runBytes(s).startsWith('{'));
        };
        QTest::addRow("%s", name) << edit << QString() << check << nothing;
    };
    // Refused after `setup`: the reader's line, which starts where it points.
    const auto refused = [none](const char *name, const Edit &setup, const Edit &edit,
                                const QString &error) {
        QTest::addRow("%s", name) << edit << QStringLiteral("scenario: ") + error << none << setup;
    };
    const auto third = [](const QString &field, const QString &text) {
        return Edit([=](ScenarioEdit &e) { return e.setFaultField(2, field, text); });
    };

    done(
        "add drop: the first one free", [](ScenarioEdit &e) { return e.addDrop(); }, "drops[1]",
        R"({"request": "R1", "attempt": 1, "message": "response"})");
    done(
        "drop's message", [](ScenarioEdit &e) { return e.setDropField(0, "message", "request"); },
        "drops[0]", R"({"request": "R2", "attempt": 1, "message": "request"})");
    done(
        "drop's request", [](ScenarioEdit &e) { return e.setDropField(0, "request", "R1"); },
        "drops[0]", R"({"request": "R1", "attempt": 1, "message": "response"})");
    done(
        "drop's attempt", [](ScenarioEdit &e) { return e.setDropField(0, "attempt", " 3 "); },
        "drops[0]", R"({"request": "R2", "attempt": 3, "message": "response"})");

    const Edit crash = add(FaultKind::Crash);
    const Edit dropReplica = add(FaultKind::DropReplica);
    done("add crash", crash, "faults[2]",
         R"({"kind": "crash", "server": "server-a1", "after": "claim", "request": "R1",
             "attempt": 1, "downMs": 5000})");
    done("add cacheDown", add(FaultKind::CacheDown), "faults[2]",
         R"({"kind": "cacheDown", "fromMs": 2500, "untilMs": 3500})");
    done("add partition", add(FaultKind::Partition), "faults[2]",
         R"({"kind": "partition", "fromMs": 2500, "untilMs": 3500})");
    done("add duplicate", add(FaultKind::Duplicate), "faults[2]",
         R"({"kind": "duplicate", "request": "R1", "attempt": 1, "message": "request"})");
    done("add fail", add(FaultKind::Fail), "faults[2]",
         R"({"kind": "fail", "request": "R1", "attempt": 1, "status": 502})");
    done("add dropReplica", dropReplica, "faults[2]",
         R"({"kind": "dropReplica", "from": "A", "nth": 1})");
    done("add duplicateReplica", add(FaultKind::DuplicateReplica), "faults[2]",
         R"({"kind": "duplicateReplica", "from": "A", "nth": 1})");

    done("crash: after", then(crash, "after", "charge"), "faults[2]",
         R"({"kind": "crash", "server": "server-a1", "after": "charge", "request": "R1",
             "attempt": 1, "downMs": 5000})");
    done("crash: server and request", then(then(crash, "server", "server-b2"), "request", "R2"),
         "faults[2]",
         R"({"kind": "crash", "server": "server-b2", "after": "claim", "request": "R2",
             "attempt": 1, "downMs": 5000})");
    done("crash: at a time", then(crash, "atMs", "1200"), "faults[2]",
         R"({"kind": "crash", "server": "server-a1", "atMs": 1200, "downMs": 5000})");
    done("crash: back to after a step", then(then(crash, "atMs", "1200"), "after", "consume"),
         "faults[2]",
         R"({"kind": "crash", "server": "server-a1", "after": "consume", "request": "R1",
             "attempt": 1, "downMs": 5000})");
    done("crash: down", then(crash, "downMs", "250"), "faults[2]",
         R"({"kind": "crash", "server": "server-a1", "after": "claim", "request": "R1",
             "attempt": 1, "downMs": 250})");
    done(
        "cacheDown: until", [](ScenarioEdit &e) { return e.setFaultField(1, "untilMs", "9000"); },
        "faults[1]", R"({"kind": "cacheDown", "fromMs": 0, "untilMs": 9000})");
    done("partition: from", then(add(FaultKind::Partition), "fromMs", "100"), "faults[2]",
         R"({"kind": "partition", "fromMs": 100, "untilMs": 3500})");
    done("duplicate: response of a retry",
         then(then(add(FaultKind::Duplicate), "message", "response"), "attempt", "2"), "faults[2]",
         R"({"kind": "duplicate", "request": "R1", "attempt": 2, "message": "response"})");
    done(
        "fail: status", [](ScenarioEdit &e) { return e.setFaultField(0, "status", "503"); },
        "faults[0]", R"({"kind": "fail", "request": "R2", "attempt": 1, "status": 503})");
    done("dropReplica: from B, third", then(then(dropReplica, "from", "B"), "nth", "3"),
         "faults[2]", R"({"kind": "dropReplica", "from": "B", "nth": 3})");
    done("dropReplica: at a time", then(dropReplica, "atMs", "700"), "faults[2]",
         R"({"kind": "dropReplica", "from": "A", "atMs": 700})");
    done("duplicateReplica: back to a number",
         then(then(add(FaultKind::DuplicateReplica), "atMs", "700"), "nth", "2"), "faults[2]",
         R"({"kind": "duplicateReplica", "from": "A", "nth": 2})");

    refused(
        "drop's attempt 0", nothing,
        [](ScenarioEdit &e) { return e.setDropField(0, "attempt", "0"); },
        "drops[0].attempt: must be a whole number from 1 to 11");
    refused(
        "drop's attempt in words", nothing,
        [](ScenarioEdit &e) { return e.setDropField(0, "attempt", "two"); }, "drops[0].attempt");
    refused(
        "drop of no request", nothing,
        [](ScenarioEdit &e) { return e.setDropField(0, "request", "R9"); },
        "drops[0].request: unknown request \"R9\"");
    refused(
        "drop's message", nothing,
        [](ScenarioEdit &e) { return e.setDropField(0, "message", "reply"); }, "drops[0].message");
    refused(
        "drop made the same as another", [](ScenarioEdit &e) { return e.addDrop(); },
        [](ScenarioEdit &e) { return e.setDropField(1, "request", "R2"); },
        "drops[1]: same drop as drops[0]");
    refused(
        "every first attempt dropped already",
        [](ScenarioEdit &e) {
            for (int i = 0; i < 3; ++i)
                if (const QString error = e.addDrop(); !error.isEmpty())
                    return error;
            return QString();
        },
        [](ScenarioEdit &e) { return e.addDrop(); },
        "drops: every request's first request and response are already dropped");
    refused(
        "until before from", nothing,
        [](ScenarioEdit &e) { return e.setFaultField(1, "untilMs", "0"); },
        "faults[1].untilMs: must be a whole number from 1 to 86400000");
    refused(
        "negative from", nothing,
        [](ScenarioEdit &e) { return e.setFaultField(1, "fromMs", "-5"); }, "faults[1].fromMs");
    refused("crash of no server", crash, third("server", "server-a9"),
            "faults[2].server: must be a server id (server-a1, server-a2, server-b1, server-b2)");
    refused("crash down 0 ms", crash, third("downMs", "0"), "faults[2].downMs");
    refused("crash past a day", crash, third("atMs", "90000000"), "faults[2].atMs");
    refused("crash after no step", crash, third("after", "lunch"), "faults[2].after");
    refused(
        "fail with 200", nothing,
        [](ScenarioEdit &e) { return e.setFaultField(0, "status", "200"); },
        "faults[0].status: must be a whole number from 400 to 599");
    refused("replica from C", dropReplica, third("from", "C"), "faults[2].from");
    refused("replica number 0", dropReplica, third("nth", "0"), "faults[2].nth");
    refused(
        "a field the kind has not", nothing,
        [](ScenarioEdit &e) { return e.setFaultField(1, "status", "503"); },
        "faults[1].status: unknown field");
    refused(
        "no such fault", nothing,
        [](ScenarioEdit &e) { return e.setFaultField(5, "status", "503"); }, "faults[5]");
    refused(
        "no such drop", nothing, [](ScenarioEdit &e) { return e.setDropField(-1, "attempt", "1"); },
        "drops[-1]");
}

} // namespace

class TstScenarioEdit : public QObject
{
    Q_OBJECT

private slots:
    void newScenario();
    void edits_data();
    void edits();
    void savedFileReadsTheSame_data();
    void savedFileReadsTheSame();
};

void TstScenarioEdit::newScenario()
{
    const Scenario s = ScenarioEdit::newScenario();
    QCOMPARE(s.clients.size(), 2);
    QCOMPARE(s.clients[0].name, QStringLiteral("Client 1"));
    QCOMPARE(s.clients[1].name, QStringLiteral("Client 2"));
    QCOMPARE(s.requests.size(), 1);
    QCOMPARE(s.requests[0].id, QStringLiteral("R1"));
    QCOMPARE(s.requests[0].key, std::optional<QString>(QStringLiteral("K1")));
    // It is a scenario a file can hold, and the engine runs it: one 201.
    const ScenarioLoad load = ScenarioEdit::check(s);
    QVERIFY2(load.scenario, qPrintable(load.error));
    const auto run = Simulation::run(s);
    QVERIFY(run.result);
    QCOMPARE(run.result->summaryJson().value("statusCounts").toObject().value("201").toInt(), 1);
}

void TstScenarioEdit::edits_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("error"); ///< a part of the refusal; empty: the edit is done
    QTest::addColumn<Check>("check");   ///< what the scenario holds after a done edit
    QTest::addColumn<Edit>("setup");    ///< done first, on richEdit()
    const Check none = [](const Scenario &) {};
    const Edit nothing = [](ScenarioEdit &) { return QString(); };

    // Edits.
    QTest::addRow("add client") << Edit([](ScenarioEdit &e) { return e.addClient(1); }) << ""
                                << Check([](const Scenario &s) {
                                       QCOMPARE(s.clients.size(), 3);
                                       QCOMPARE(s.clients[2].name, QStringLiteral("Client 3"));
                                       QCOMPARE(s.clients[2].region, 1);
                                   })
                                << nothing;
    QTest::addRow("add client fills a gap") << Edit([](ScenarioEdit &e) {
        const QString renamed = e.setClient(0, {QStringLiteral("Alice"), 0});
        return renamed.isEmpty() ? e.addClient() : renamed;
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.clients[0].name, QStringLiteral("Alice"));
        QCOMPARE(s.clients[2].name, QStringLiteral("Client 1"));
    }) << nothing;
    QTest::addRow("rename and move a client") << Edit([](ScenarioEdit &e) {
        return e.setClient(1, {QStringLiteral("Phone"), 0});
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.clients[1].name, QStringLiteral("Phone"));
        QCOMPARE(s.clients[1].region, 0);
        QCOMPARE(s.requests[1].client, 1); // R2 is still the phone's
    }) << nothing;
    QTest::addRow("add request") << Edit([](ScenarioEdit &e) { return e.addRequest(0, 2'000); })
                                 << "" << Check([](const Scenario &s) {
                                        QCOMPARE(s.requests.size(), 3);
                                        QCOMPARE(s.requests[2].id, QStringLiteral("R3"));
                                        QCOMPARE(*s.requests[2].key, QStringLiteral("K3"));
                                        QCOMPARE(s.requests[2].atUs, 2'000);
                                    })
                                 << nothing;
    QTest::addRow("change request") << Edit([](ScenarioEdit &e) {
        RequestSpec r = e.scenario().requests[1];
        r.id = QStringLiteral("ignored");
        r.atUs = 250'000;
        r.key = QStringLiteral("K1");
        r.body.amount = 20;
        r.cluster = 1;
        r.server = 1;
        r.client = 0;
        return e.setRequest(1, r);
    }) << "" << Check([](const Scenario &s) {
        const RequestSpec &r = s.requests[1];
        QCOMPARE(r.id, QStringLiteral("R2")); // the id stays: drops and faults name it
        QCOMPARE(r.atUs, 250'000);
        QCOMPARE(*r.key, QStringLiteral("K1"));
        QCOMPARE(r.body.amount, 20);
        QCOMPARE(r.cluster, 1);
        QCOMPARE(r.server, 1);
        QCOMPARE(r.client, 0);
    }) << nothing;
    QTest::addRow("request without key") << Edit([](ScenarioEdit &e) {
        RequestSpec r = e.scenario().requests[0];
        r.key.reset();
        return e.setRequest(0, r);
    }) << "" << Check([](const Scenario &s) { QVERIFY(!s.requests[0].key); })
                                         << nothing;
    QTest::addRow("move request") << Edit([](ScenarioEdit &e) { return e.moveRequest(1, 7'000); })
                                  << "" << Check([](const Scenario &s) {
                                         QCOMPARE(s.requests[1].atUs, 7'000);
                                         QCOMPARE(s.requests[1].id, QStringLiteral("R2"));
                                     })
                                  << nothing;
    QTest::addRow("add drop") << Edit([](ScenarioEdit &e) {
        DropSpec d;
        d.request = QStringLiteral("R1");
        d.point = DropPoint::Request;
        return e.addDrop(d);
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.drops.size(), 2);
        QCOMPARE(s.drops[1].request, QStringLiteral("R1"));
        QVERIFY(s.drops[1].point == DropPoint::Request);
    }) << nothing;
    QTest::addRow("change drop") << Edit([](ScenarioEdit &e) {
        DropSpec d = e.scenario().drops[0];
        d.attempt = 2;
        return e.setDrop(0, d);
    }) << "" << Check([](const Scenario &s) { QCOMPARE(s.drops[0].attempt, 2); })
                                 << nothing;
    QTest::addRow("remove drop") << Edit([](ScenarioEdit &e) { return e.removeDrop(0); }) << ""
                                 << Check([](const Scenario &s) { QVERIFY(s.drops.isEmpty()); })
                                 << nothing;
    QTest::addRow("add fault") << Edit([](ScenarioEdit &e) {
        FaultSpec crash;
        crash.server = QStringLiteral("server-a1");
        crash.request = QStringLiteral("R1");
        return e.addFault(crash);
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.faults.size(), 3);
        QCOMPARE(s.faults[2].server, QStringLiteral("server-a1"));
    }) << nothing;
    QTest::addRow("change fault") << Edit([](ScenarioEdit &e) {
        FaultSpec f = e.scenario().faults[1];
        f.untilUs = 3'000'000;
        return e.setFault(1, f);
    }) << "" << Check([](const Scenario &s) { QCOMPARE(s.faults[1].untilUs, 3'000'000); })
                                  << nothing;
    QTest::addRow("remove fault") << Edit([](ScenarioEdit &e) { return e.removeFault(1); }) << ""
                                  << Check([](const Scenario &s) {
                                         QCOMPARE(s.faults.size(), 1);
                                         QVERIFY(s.faults[0].kind == FaultKind::Fail);
                                     })
                                  << nothing;

    // Cascades.
    QTest::addRow("remove request takes its drop and fault") << Edit([](ScenarioEdit &e) {
        return e.removeRequest(1);
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.requests.size(), 1);
        QVERIFY(s.drops.isEmpty());
        QCOMPARE(s.faults.size(), 1); // the cache outage names no request: it stays
        QVERIFY(s.faults[0].kind == FaultKind::CacheDown);
    }) << nothing;
    QTest::addRow("remove request keeps what names others") << Edit([](ScenarioEdit &e) {
        return e.removeRequest(0);
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.requests.size(), 1);
        QCOMPARE(s.requests[0].id, QStringLiteral("R2"));
        QCOMPARE(s.drops.size(), 1);
        QCOMPARE(s.faults.size(), 2);
    }) << nothing;
    QTest::addRow("remove client takes its requests") << Edit([](ScenarioEdit &e) {
        return e.removeClient(1);
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.clients.size(), 1);
        QCOMPARE(s.requests.size(), 1);
        QCOMPARE(s.requests[0].id, QStringLiteral("R1"));
        QVERIFY(s.drops.isEmpty());
        QCOMPARE(s.faults.size(), 1);
    }) << nothing;
    QTest::addRow("remove client renumbers the others' requests") << Edit([](ScenarioEdit &e) {
        const QString added = e.addClient();
        if (!added.isEmpty())
            return added;
        const QString sent = e.addRequest(2, 0); // R3 from Client 3
        return sent.isEmpty() ? e.removeClient(1) : sent;
    }) << "" << Check([](const Scenario &s) {
        QCOMPARE(s.clients.size(), 2);
        QCOMPARE(s.requests.size(), 2);
        QCOMPARE(s.requests[1].id, QStringLiteral("R3"));
        QCOMPARE(s.clients[s.requests[1].client].name, QStringLiteral("Client 3"));
    }) << nothing;

    // Refusals: the reader's line, nothing changed.
    QTest::addRow("duplicate client name") << Edit([](ScenarioEdit &e) {
        return e.setClient(1, {QStringLiteral("Client 1"), 1});
    }) << "duplicate client name" << none << nothing;
    QTest::addRow("empty client name") << Edit([](ScenarioEdit &e) {
        return e.setClient(0, {QString(), 0});
    }) << "clients[0].name" << none << nothing;
    QTest::addRow("remove the last request")
        << Edit([](ScenarioEdit &e) { return e.removeRequest(0); }) << "requests" << none
        << Edit([](ScenarioEdit &e) { return e.removeRequest(1); });
    QTest::addRow("remove every client")
        << Edit([](ScenarioEdit &e) { return e.removeClient(0); }) << "clients" << none
        << Edit([](ScenarioEdit &e) { return e.removeClient(1); });
    QTest::addRow("negative time") << Edit([](ScenarioEdit &e) { return e.moveRequest(0, -1'000); })
                                   << "requests[0].atMs" << none << nothing;
    QTest::addRow("time past a day") << Edit([](ScenarioEdit &e) {
        return e.moveRequest(0, (ScenarioReader::maxAtMs + 1) * 1000);
    }) << "requests[0].atMs" << none << nothing;
    QTest::addRow("empty key") << Edit([](ScenarioEdit &e) {
        RequestSpec r = e.scenario().requests[0];
        r.key = QString();
        return e.setRequest(0, r);
    }) << "requests[0].key" << none
                               << nothing;
    QTest::addRow("zero amount") << Edit([](ScenarioEdit &e) {
        RequestSpec r = e.scenario().requests[0];
        r.body.amount = 0;
        return e.setRequest(0, r);
    }) << "requests[0].body.amount"
                                 << none << nothing;
    QTest::addRow("server past the cluster") << Edit([](ScenarioEdit &e) {
        RequestSpec r = e.scenario().requests[0];
        r.server = 5;
        return e.setRequest(0, r);
    }) << "requests[0].server" << none << nothing;
    QTest::addRow("taken request id") << Edit([](ScenarioEdit &e) {
        RequestSpec r = e.scenario().requests[0];
        return e.addRequest(r);
    }) << "duplicate id" << none << nothing;
    QTest::addRow("drop of no request") << Edit([](ScenarioEdit &e) {
        DropSpec d;
        d.request = QStringLiteral("R9");
        return e.addDrop(d);
    }) << "drops[1].request" << none << nothing;
    QTest::addRow("same drop twice")
        << Edit([](ScenarioEdit &e) { return e.addDrop(e.scenario().drops[0]); }) << "same drop as"
        << none << nothing;
    QTest::addRow("crash of no server") << Edit([](ScenarioEdit &e) {
        FaultSpec crash;
        crash.server = QStringLiteral("server-c1");
        crash.request = QStringLiteral("R1");
        return e.addFault(crash);
    }) << "faults[2].server" << none << nothing;
    QTest::addRow("no such client") << Edit([](ScenarioEdit &e) { return e.removeClient(7); })
                                    << "clients[7]" << none << nothing;
    QTest::addRow("no such request") << Edit([](ScenarioEdit &e) { return e.moveRequest(-1, 0); })
                                     << "requests[-1]" << none << nothing;
    QTest::addRow("no such fault")
        << Edit([](ScenarioEdit &e) { return e.removeFault(2); }) << "faults[2]" << none << nothing;
    addFieldRows();
}

void TstScenarioEdit::edits()
{
    QFETCH(Edit, edit);
    QFETCH(QString, error);
    QFETCH(Check, check);
    QFETCH(Edit, setup);
    ScenarioEdit e = richEdit();
    if (QTest::currentTestFailed())
        return;
    const QString prepared = setup(e);
    QVERIFY2(prepared.isEmpty(), qPrintable(prepared));
    const QByteArray before = fileBytes(e.scenario());
    const QString result = edit(e);
    if (error.isEmpty()) {
        QVERIFY2(result.isEmpty(), qPrintable(result));
        check(e.scenario());
        QVERIFY(fileBytes(e.scenario()) != before);
    } else {
        QVERIFY2(result.contains(error), qPrintable(result));
        QVERIFY2(!result.contains(QLatin1Char('\n')), qPrintable(result)); // one line
        QCOMPARE(fileBytes(e.scenario()), before);
    }
    // Whatever happened, what is held is a scenario the strict reader takes as it is.
    const ScenarioLoad load = ScenarioEdit::check(e.scenario());
    QVERIFY2(load.scenario, qPrintable(load.error));
    QCOMPARE(fileBytes(*load.scenario), fileBytes(e.scenario()));
}

void TstScenarioEdit::savedFileReadsTheSame_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addRow("new") << Edit([](ScenarioEdit &) { return QString(); });
    QTest::addRow("rich") << Edit([](ScenarioEdit &e) {
        e = richEdit();
        return QString();
    });
    QTest::addRow("moved and changed") << Edit([](ScenarioEdit &e) {
        e = richEdit();
        RequestSpec r = e.scenario().requests[1];
        r.key = QStringLiteral("K1");
        r.cluster = 1;
        QString error = e.setRequest(1, r);
        if (error.isEmpty())
            error = e.moveRequest(1, 1'234);
        if (error.isEmpty())
            error = e.addClient(1);
        return error.isEmpty() ? e.addRequest(2, 5'000) : error;
    });
}

void TstScenarioEdit::savedFileReadsTheSame()
{
    QFETCH(Edit, edit);
    ScenarioEdit e;
    const QString error = edit(e);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("edited.json"));
    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(fileBytes(e.scenario()));
    QVERIFY(file.commit());

    const ScenarioLoad load = ScenarioReader::fromFile(path);
    QVERIFY2(load.scenario, qPrintable(load.error));
    QCOMPARE(fileBytes(*load.scenario), fileBytes(e.scenario()));
    const QByteArray edited = runBytes(e.scenario());
    QVERIFY(edited.startsWith('{'));
    QCOMPARE(runBytes(*load.scenario), edited);
}

QTEST_GUILESS_MAIN(TstScenarioEdit)
#include "tst_scenarioedit.moc"
