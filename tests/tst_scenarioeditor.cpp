// The scenario editor behind the editor panel: one undo stack for every edit (the panel, the
// fault menu, a request sent from a client), moves that merge, dirty and clean, save → open
// giving the same scenario and the same run (the CLI's too), asking before edits are lost.
#include "export/timelineexporter.h"
#include "scenario/scenarioedit.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenarioreader.h"
#include "simulationcontroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace idem;

namespace {

constexpr qint64 ms = 1000; // µs

QJsonObject file(const Scenario &s)
{
    return ScenarioLoader::toJson(s);
}

/// What `idemlab-cli run FILE --json` prints for `path`.
QJsonObject cliRun(const QString &path)
{
    QProcess cli;
    cli.start(QStringLiteral(IDEMLAB_CLI), {QStringLiteral("run"), path, QStringLiteral("--json")});
    if (!cli.waitForFinished(60'000) || cli.exitCode() != 0)
        return {{"error", QString::fromUtf8(cli.readAllStandardError())}};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

using EditorEdit = std::function<QString(ScenarioEditor &)>;

/// Saves the editor's scenario as edited.json in `dir` and opens that file in `opened`: the
/// file's path, or "" when either failed.
QString saveAndOpen(ScenarioEditor &editor, const QTemporaryDir &dir, SimulationController &opened)
{
    const QString path = dir.filePath(QStringLiteral("edited.json"));
    if (!dir.isValid() || !editor.saveAs(QUrl::fromLocalFile(path)).isEmpty() ||
        !opened.session()->loadFile(QUrl::fromLocalFile(path)))
        return {};
    return path;
}

} // namespace

Q_DECLARE_METATYPE(EditorEdit)

class TstScenarioEditor : public QObject
{
    Q_OBJECT

private slots:
    void addRemoveRerunsAndKeepsThePlayhead();
    void undoRedo();
    void movesOfOneRequestMerge();
    void dragRerunsAsItGoes();
    void dropAndFaultEdits_data();
    void dropAndFaultEdits();
    void fieldsAndRefusals_data();
    void fieldsAndRefusals();
    void dirtyAndClean();
    void saveThenOpenGivesTheSameRun();
    void unwritablePathLosesNothing();
    void faultInjectionUndoesOnTheStack();
    void sendFromClientIsAStep();
    void asksBeforeLosingEdits();
    void newScenario();
};

void TstScenarioEditor::addRemoveRerunsAndKeepsThePlayhead()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    ScenarioEditor &e = *c.session()->editor();
    c.playback()->seek(40 * ms);
    QSignalSpy runs(c.playback(), &Playback::runChanged);
    QCOMPARE(e.requests()->rowCount(), 1);

    QCOMPARE(e.addRequest(0), QString());
    QCOMPARE(runs.count(), 1);
    QCOMPARE(c.playback()->timeUs(), 40.0 * ms);
    QCOMPARE(e.requests()->rowCount(), 2);
    const QModelIndex added = e.requests()->index(1);
    QCOMPARE(added.data(ScenarioRequestModel::IdRole).toString(), QStringLiteral("R2"));
    QCOMPARE(added.data(ScenarioRequestModel::KeyRole).toString(), QStringLiteral("K2"));
    QCOMPARE(added.data(ScenarioRequestModel::AtUsRole).toDouble(), 40.0 * ms); // at the playhead
    QCOMPARE(c.playback()->run()->attempts.size(), 2);
    QCOMPARE(c.playback()->run()->verdict.sideEffects.value(QStringLiteral("K2")), 1);

    QCOMPARE(e.addClient(), QString());
    QCOMPARE(e.clients()->rowCount(), 2);
    QCOMPARE(e.clients()->index(1).data(ScenarioClientModel::NameRole).toString(),
             QStringLiteral("Client 2"));

    QCOMPARE(e.removeRequest(0), QString());
    QCOMPARE(e.requests()->rowCount(), 1);
    QCOMPARE(c.session()->scenario().requests[0].id, QStringLiteral("R2"));
    QCOMPARE(c.playback()->run()->attempts.size(), 1);
    QCOMPARE(c.playback()->timeUs(), 40.0 * ms);

    // R2 was Client 1's: the last request would go. Refused, and nothing changed.
    QVERIFY(e.removeClient(0).contains(QStringLiteral("requests")));
    QCOMPARE(e.errorText(), e.removeClient(0));
    QCOMPARE(e.clients()->rowCount(), 2);
}

void TstScenarioEditor::undoRedo()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    ScenarioEditor &e = *c.session()->editor();
    const QJsonObject original = file(c.session()->scenario());
    const QByteArray originalRun = TimelineExporter::render(*c.playback()->run());
    QSignalSpy stack(&e, &ScenarioEditor::stackChanged);
    QVERIFY(!e.canUndo());
    QVERIFY(!e.canRedo());

    QCOMPARE(e.addRequest(0), QString());
    const QJsonObject edited = file(c.session()->scenario());
    const QByteArray editedRun = TimelineExporter::render(*c.playback()->run());
    QVERIFY(stack.count() >= 1);
    QVERIFY(e.canUndo());
    QCOMPARE(e.undoText(), QStringLiteral("Add R2"));

    e.undo();
    QCOMPARE(file(c.session()->scenario()), original);
    QCOMPARE(TimelineExporter::render(*c.playback()->run()), originalRun);
    QVERIFY(!e.canUndo());
    QVERIFY(e.canRedo());
    QCOMPARE(e.redoText(), QStringLiteral("Add R2"));
    QCOMPARE(e.requests()->rowCount(), 1);

    e.redo();
    QCOMPARE(file(c.session()->scenario()), edited);
    QCOMPARE(TimelineExporter::render(*c.playback()->run()), editedRun);
    QCOMPARE(e.requests()->rowCount(), 2);

    // A setting changed after an edit stays when the edit is undone.
    QCOMPARE(c.session()->setSetting(QStringLiteral("mutex"), QStringLiteral("on")), QString());
    e.undo();
    QVERIFY(c.session()->scenario().settings.mutex);
    QCOMPARE(c.session()->scenario().requests.size(), 1);

    // A new edit after an undo drops the redo.
    QCOMPARE(e.addClient(), QString());
    QVERIFY(!e.canRedo());
}

void TstScenarioEditor::movesOfOneRequestMerge()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("retry-while-processing"));
    ScenarioEditor &e = *c.session()->editor();
    const Scenario original = c.session()->scenario();
    QCOMPARE(original.requests.size(), 2);

    // A drag: many moves of R2, one step.
    for (int t = 110; t <= 400; t += 10)
        QCOMPARE(e.moveRequest(1, double(t * ms) + 300), QString()); // rounded to whole ms
    QCOMPARE(c.session()->scenario().requests[1].atUs, 400 * ms);
    QCOMPARE(e.requests()->index(1).data(ScenarioRequestModel::AtMsRole).toString(),
             QStringLiteral("400"));
    // After the first attempt's answer: a replay (200), not a 409.
    QCOMPARE(c.playback()->run()->attempts.size(), 2);
    e.undo();
    QCOMPARE(file(c.session()->scenario()), file(original));
    QVERIFY(!e.canUndo());

    // Moves of two requests are two steps.
    e.redo();
    QCOMPARE(e.moveRequest(0, 5 * ms), QString());
    QCOMPARE(e.moveRequest(1, 500 * ms), QString());
    e.undo();
    QCOMPARE(c.session()->scenario().requests[1].atUs, 400 * ms);
    QCOMPARE(c.session()->scenario().requests[0].atUs, 5 * ms);
    e.undo();
    QCOMPARE(c.session()->scenario().requests[0].atUs, original.requests[0].atUs);

    // A move to where it is already is no step at all.
    const int index = int(e.canUndo());
    QCOMPARE(e.moveRequest(1, double(c.session()->scenario().requests[1].atUs)), QString());
    QCOMPARE(int(e.canUndo()), index);
}

void TstScenarioEditor::dragRerunsAsItGoes()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("retry-while-processing"));
    ScenarioEditor &e = *c.session()->editor();
    const QJsonObject original = file(c.session()->scenario());
    c.playback()->seek(50 * ms);
    QSignalSpy runs(c.playback(), &Playback::runChanged);

    // The first move of a drag runs at once; those that follow within the interval wait, and
    // only the newest of them runs when it is up.
    for (int t = 200; t <= 900; t += 100)
        e.dragRequest(1, double(t * ms));
    QCOMPARE(runs.count(), 1);
    QCOMPARE(c.session()->scenario().requests[1].atUs, 200 * ms);
    QCOMPARE(c.playback()->run()->attempts[1].sentUs, 200 * ms);
    QTRY_COMPARE(runs.count(), 2);
    QCOMPARE(c.session()->scenario().requests[1].atUs, 900 * ms);
    QCOMPARE(c.playback()->timeUs(), 50.0 * ms); // the playhead stays
    // Past the run's end (it ended near 420 ms): the run grows with it.
    QVERIFY(c.playback()->endUs() > 900.0 * ms);

    // The release: the final move, and the whole drag one step.
    e.dragRequest(1, 1500.0 * ms);
    QCOMPARE(e.moveRequest(1, 2000.0 * ms), QString());
    QCOMPARE(c.session()->scenario().requests[1].atUs, 2000 * ms);
    QTest::qWait(2 * ScenarioEditor::dragIntervalMs); // a held move is not done after it
    QCOMPARE(c.session()->scenario().requests[1].atUs, 2000 * ms);
    QCOMPARE(e.undoText(), QStringLiteral("Move R2"));
    e.undo();
    QCOMPARE(file(c.session()->scenario()), original);
    QVERIFY(!e.canUndo());

    // A drag does not go past what a scenario may hold: a day.
    QCOMPARE(e.moveRequest(1, 1e14), QString());
    QCOMPARE(c.session()->scenario().requests[1].atUs, ScenarioReader::maxAtMs * ms);
    QCOMPARE(e.moveRequest(1, -5.0 * ms), QString());
    QCOMPARE(c.session()->scenario().requests[1].atUs, 0);
}

void TstScenarioEditor::dropAndFaultEdits_data()
{
    QTest::addColumn<EditorEdit>("setup");
    QTest::addColumn<EditorEdit>("edit");
    QTest::addColumn<QString>("list");  ///< "drops" or "faults"
    QTest::addColumn<QString>("saved"); ///< its first entry as the file writes it

    const EditorEdit nothing = [](ScenarioEditor &) { return QString(); };
    const auto addFault = [](int kind) {
        return EditorEdit([kind](ScenarioEditor &e) { return e.addFault(kind); });
    };
    const auto setFault = [](const QString &field, const QString &text) {
        return EditorEdit([=](ScenarioEditor &e) { return e.setFaultField(0, field, text); });
    };
    QTest::addRow("add drop") << nothing
                              << EditorEdit([](ScenarioEditor &e) { return e.addDrop(); })
                              << "drops"
                              << R"({"request": "R1", "attempt": 1, "message": "response"})";
    QTest::addRow("drop's message")
        << EditorEdit([](ScenarioEditor &e) { return e.addDrop(); })
        << EditorEdit([](ScenarioEditor &e) { return e.setDropField(0, "message", "request"); })
        << "drops"
        << R"({"request": "R1", "attempt": 1, "message": "request"})";
    QTest::addRow("add crash") << nothing << addFault(0) << "faults"
                               << R"({"kind": "crash", "server": "server-a1", "after": "claim",
                                      "request": "R1", "attempt": 1, "downMs": 5000})";
    QTest::addRow("crash at a time")
        << addFault(0) << setFault("when", "at a time") << "faults"
        << R"({"kind": "crash", "server": "server-a1", "atMs": 10, "downMs": 5000})";
    QTest::addRow("crash after the charge")
        << addFault(0) << setFault("after", "charge") << "faults"
        << R"({"kind": "crash", "server": "server-a1", "after": "charge", "request": "R1",
               "attempt": 1, "downMs": 5000})";
    QTest::addRow("add cache outage") << nothing << addFault(1) << "faults"
                                      << R"({"kind": "cacheDown", "fromMs": 10, "untilMs": 1010})";
    QTest::addRow("cache outage until")
        << addFault(1) << setFault("untilMs", "3000") << "faults"
        << R"({"kind": "cacheDown", "fromMs": 10, "untilMs": 3000})";
    QTest::addRow("add partition") << nothing << addFault(2) << "faults"
                                   << R"({"kind": "partition", "fromMs": 10, "untilMs": 1010})";
    QTest::addRow("partition from") << addFault(2) << setFault("fromMs", "0") << "faults"
                                    << R"({"kind": "partition", "fromMs": 0, "untilMs": 1010})";
    QTest::addRow("add duplicate")
        << nothing << addFault(3) << "faults"
        << R"({"kind": "duplicate", "request": "R1", "attempt": 1, "message": "request"})";
    QTest::addRow("duplicate of R2's response")
        << EditorEdit([](ScenarioEditor &e) {
               const QString error = e.addFault(3);
               return error.isEmpty() ? e.setFaultField(0, "message", "response") : error;
           })
        << setFault("request", "R2") << "faults"
        << R"({"kind": "duplicate", "request": "R2", "attempt": 1, "message": "response"})";
    QTest::addRow("add failed charge")
        << nothing << addFault(4) << "faults"
        << R"({"kind": "fail", "request": "R1", "attempt": 1, "status": 502})";
    QTest::addRow("failed charge's status")
        << addFault(4) << setFault("status", "503") << "faults"
        << R"({"kind": "fail", "request": "R1", "attempt": 1, "status": 503})";
    QTest::addRow("add lost replication message")
        << nothing << addFault(5) << "faults"
        << R"({"kind": "dropReplica", "from": "A", "nth": 1})";
    QTest::addRow("lost replication message at a time")
        << addFault(5) << setFault("when", "at a time") << "faults"
        << R"({"kind": "dropReplica", "from": "A", "atMs": 10})";
    QTest::addRow("add doubled replication message")
        << nothing << addFault(6) << "faults"
        << R"({"kind": "duplicateReplica", "from": "A", "nth": 1})";
    QTest::addRow("doubled replication message from B, second")
        << EditorEdit([](ScenarioEditor &e) {
               const QString error = e.addFault(6);
               return error.isEmpty() ? e.setFaultField(0, "from", "B") : error;
           })
        << setFault("nth", "2") << "faults"
        << R"({"kind": "duplicateReplica", "from": "B", "nth": 2})";
}

void TstScenarioEditor::dropAndFaultEdits()
{
    QFETCH(EditorEdit, setup);
    QFETCH(EditorEdit, edit);
    QFETCH(QString, list);
    QFETCH(QString, saved);
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-two-clusters"));
    QCOMPARE(c.session()->setSetting(QStringLiteral("cache"), QStringLiteral("on")), QString());
    ScenarioEditor &e = *c.session()->editor();
    c.playback()->seek(10 * ms);
    const QString prepared = setup(e);
    QVERIFY2(prepared.isEmpty(), qPrintable(prepared));
    const QJsonObject before = file(c.session()->scenario());
    const QByteArray beforeRun = TimelineExporter::render(*c.playback()->run());
    const int steps = e.canUndo() ? 1 : 0;

    const QString error = edit(e);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(e.errorText(), QString());
    const QJsonObject edited = file(c.session()->scenario());
    QCOMPARE(edited.value(list).toArray().at(0).toObject(),
             QJsonDocument::fromJson(saved.toUtf8()).object());
    const QByteArray editedRun = TimelineExporter::render(*c.playback()->run());
    QVERIFY(editedRun != beforeRun); // the engine ran it
    QCOMPARE(c.playback()->timeUs(), 10.0 * ms);
    // The panel's rows follow: the line in words and the fields.
    ScenarioEntryModel *rows = list == QLatin1String("drops") ? e.dropRows() : e.faultRows();
    QCOMPARE(rows->rowCount(), 1);
    QVERIFY(!rows->index(0).data(ScenarioEntryModel::TextRole).toString().isEmpty());
    QVERIFY(!rows->index(0).data(ScenarioEntryModel::FieldsRole).toList().isEmpty());

    // One step: undo gives back the scenario and the run before it, redo the edited ones.
    e.undo();
    QCOMPARE(file(c.session()->scenario()), before);
    QCOMPARE(TimelineExporter::render(*c.playback()->run()), beforeRun);
    QCOMPARE(int(e.canUndo()), steps);
    e.redo();
    QCOMPARE(file(c.session()->scenario()), edited);
    QCOMPARE(TimelineExporter::render(*c.playback()->run()), editedRun);

    // Saved and opened again: the same scenario, the same run.
    QTemporaryDir dir;
    SimulationController opened;
    QVERIFY(!saveAndOpen(e, dir, opened).isEmpty());
    QCOMPARE(file(opened.session()->scenario()), edited);
    QCOMPARE(TimelineExporter::render(*opened.playback()->run()), editedRun);
}

void TstScenarioEditor::fieldsAndRefusals_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); ///< part of the refusal; empty: done
    QTest::addColumn<QString>("saved"); ///< the request as the file writes it, a part

    QTest::addRow("time") << "atMs"
                          << "250"
                          << ""
                          << R"("atMs":250)";
    QTest::addRow("fractional time") << "atMs"
                                     << "0.5"
                                     << ""
                                     << R"("atMs":0.5)";
    QTest::addRow("key") << "key"
                         << "K7"
                         << ""
                         << R"("key":"K7")";
    QTest::addRow("no key") << "key"
                            << ""
                            << ""
                            << R"("key":null)";
    QTest::addRow("amount") << "amount"
                            << "20"
                            << ""
                            << R"("amount":20)";
    QTest::addRow("cluster") << "target"
                             << "b"
                             << ""
                             << R"("cluster":"B")";
    QTest::addRow("server") << "target"
                            << "A2"
                            << ""
                            << R"("server":2)";
    QTest::addRow("client") << "client"
                            << "Client 2"
                            << ""
                            << R"("client":"Client 2")";
    QTest::addRow("time not a number") << "atMs"
                                       << "soon"
                                       << "number of ms"
                                       << "";
    QTest::addRow("negative time") << "atMs"
                                   << "-5"
                                   << "requests[0].atMs"
                                   << "";
    QTest::addRow("zero amount") << "amount"
                                 << "0"
                                 << "requests[0].body.amount"
                                 << "";
    QTest::addRow("no such server") << "target"
                                    << "A9"
                                    << "target is one of"
                                    << "";
    QTest::addRow("no such client") << "client"
                                    << "Bob"
                                    << "no client"
                                    << "";
    QTest::addRow("no such field") << "colour"
                                   << "red"
                                   << "no field"
                                   << "";
}

void TstScenarioEditor::fieldsAndRefusals()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(QString, saved);
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    ScenarioEditor &e = *c.session()->editor();
    QCOMPARE(e.addClient(), QString()); // a client to send from
    const QJsonObject before = file(c.session()->scenario());
    QSignalSpy errors(&e, &ScenarioEditor::errorTextChanged);

    const QString result = e.setRequestField(0, field, text);
    if (error.isEmpty()) {
        QVERIFY2(result.isEmpty(), qPrintable(result));
        QCOMPARE(e.undoText(), QStringLiteral("Change R1"));
        const QByteArray request =
            QJsonDocument(
                file(c.session()->scenario()).value("requests").toArray().at(0).toObject())
                .toJson(QJsonDocument::Compact);
        QVERIFY2(request.contains(saved.toUtf8()), request.constData());
    } else {
        QVERIFY2(result.contains(error), qPrintable(result));
        QCOMPARE(e.errorText(), result);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(e.undoText(), QStringLiteral("Add Client 2")); // no step
        QCOMPARE(file(c.session()->scenario()), before);
    }
}

void TstScenarioEditor::dirtyAndClean()
{
    SimulationController c;
    ScenarioEditor &e = *c.session()->editor();
    QVERIFY(!e.dirty());
    QSignalSpy dirty(&e, &ScenarioEditor::dirtyChanged);
    QCOMPARE(e.addClient(), QString());
    QVERIFY(e.dirty());
    QCOMPARE(dirty.count(), 1);
    e.undo();
    QVERIFY(!e.dirty());
    QCOMPARE(dirty.count(), 2);
    e.redo();
    QVERIFY(e.dirty());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QUrl url = QUrl::fromLocalFile(dir.filePath(QStringLiteral("s.json")));
    QSignalSpy files(&e, &ScenarioEditor::fileUrlChanged);
    QCOMPARE(e.saveAs(url), QString());
    QVERIFY(!e.dirty());
    QCOMPARE(e.fileUrl(), url);
    QCOMPARE(files.count(), 1);
    // Undo after a save: dirty again (the file holds the edit).
    e.undo();
    QVERIFY(e.dirty());
    e.redo();
    QVERIFY(!e.dirty());
    // Another preset: clean, nothing to undo, no file.
    QCOMPARE(e.addClient(), QString());
    c.session()->setPreset(QStringLiteral("burst"));
    QVERIFY(!e.dirty());
    QVERIFY(!e.canUndo());
    QCOMPARE(e.fileUrl(), QUrl());
    // save() without a file says so.
    QCOMPARE(e.addClient(), QString());
    QVERIFY(e.save().contains(QStringLiteral("Save as")));
    QVERIFY(e.dirty());
}

void TstScenarioEditor::saveThenOpenGivesTheSameRun()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("parallel-two-clusters"));
    ScenarioEditor &e = *c.session()->editor();
    QCOMPARE(e.addClient(), QString());
    QCOMPARE(e.setClientField(2, QStringLiteral("region"), QStringLiteral("B")), QString());
    QCOMPARE(e.addRequest(2), QString());
    QCOMPARE(e.setRequestField(2, QStringLiteral("key"), QStringLiteral("K1")), QString());
    QCOMPARE(e.moveRequest(2, 30 * ms), QString());
    QCOMPARE(c.session()->setSetting(QStringLiteral("cache"), QStringLiteral("on")), QString());
    QCOMPARE(e.removeRequest(0), QString());

    QTemporaryDir dir;
    SimulationController opened;
    const QString path = saveAndOpen(e, dir, opened);
    QVERIFY(!path.isEmpty());
    QCOMPARE(file(opened.session()->scenario()), file(c.session()->scenario()));
    QCOMPARE(TimelineExporter::render(*opened.playback()->run()),
             TimelineExporter::render(*c.playback()->run()));
    QCOMPARE(opened.session()->editor()->fileUrl(), QUrl::fromLocalFile(path));
    QVERIFY(!opened.session()->editor()->dirty());
    // The CLI runs the file the same.
    const QJsonObject cli = cliRun(path);
    const QJsonObject summary = c.playback()->run()->summaryJson();
    QVERIFY2(!summary.isEmpty() && !cli.contains("error"),
             qPrintable(cli.value("error").toString()));
    for (auto it = summary.constBegin(); it != summary.constEnd(); ++it)
        QVERIFY2(cli.value(it.key()) == it.value(), qPrintable(it.key()));
    QCOMPARE(cli.value("responses").toArray().size(), 2);

    // save() writes to the same file again.
    QCOMPARE(opened.session()->editor()->moveRequest(0, 80 * ms), QString());
    QCOMPARE(opened.session()->editor()->save(), QString());
    const ScenarioLoad again = ScenarioLoader::fromFile(path);
    QVERIFY2(again.scenario, qPrintable(again.error));
    QCOMPARE(again.scenario->requests[0].atUs, 80 * ms);
}

void TstScenarioEditor::unwritablePathLosesNothing()
{
    SimulationController c;
    ScenarioEditor &e = *c.session()->editor();
    QCOMPARE(e.addClient(), QString());
    const QJsonObject before = file(c.session()->scenario());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &path :
         {dir.filePath(QStringLiteral("no/such/folder/s.json")), dir.path()}) {
        const QString error = e.saveAs(QUrl::fromLocalFile(path));
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(e.errorText(), error);
        QVERIFY(e.dirty());
        QCOMPARE(e.fileUrl(), QUrl());
        QVERIFY(e.canUndo());
        QCOMPARE(file(c.session()->scenario()), before);
    }
}

void TstScenarioEditor::faultInjectionUndoesOnTheStack()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    ScenarioEditor &e = *c.session()->editor();
    c.playback()->seek(10 * ms);
    const QByteArray before = TimelineExporter::render(*c.playback()->run());
    QCOMPARE(e.addClient(), QString()); // an editor edit under the fault

    QSignalSpy notices(c.session(), &Session::faultNotice);
    QVERIFY(c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("crash-now")));
    QCOMPARE(c.session()->scenario().faults.size(), 1);
    QVERIFY(e.undoText().contains(QStringLiteral("Crash")));
    QCOMPARE(e.faults().size(), 1);
    QVERIFY(e.dirty());
    const QByteArray crashed = TimelineExporter::render(*c.playback()->run());
    QVERIFY(crashed != before);
    // The fault menu offers to take it back, on that server only.
    const QVariantList menu = c.session()->faultChoices(QStringLiteral("server-a1"));
    QCOMPARE(menu.last().toMap().value("id").toString(), QStringLiteral("undo"));
    QVERIFY(c.session()->faultChoices(QStringLiteral("cache")).last().toMap().value("id") !=
            QStringLiteral("undo"));

    e.undo(); // Ctrl+Z
    QVERIFY(c.session()->scenario().faults.isEmpty());
    QCOMPARE(notices.count(), 2);
    QVERIFY(notices.last().at(0).toString().startsWith(QStringLiteral("Removed")));
    QCOMPARE(c.playback()->timeUs(), 10.0 * ms);
    e.redo(); // runs the engine again with it
    QCOMPARE(TimelineExporter::render(*c.playback()->run()), crashed);
    QVERIFY(c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("undo")));
    QVERIFY(c.session()->scenario().faults.isEmpty());
    e.undo(); // and the client
    QCOMPARE(TimelineExporter::render(*c.playback()->run()), before);
    QVERIFY(!e.canUndo());
    QVERIFY(!c.session()->injectFault(QStringLiteral("server-a1"), QStringLiteral("undo")));
}

void TstScenarioEditor::sendFromClientIsAStep()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    ScenarioEditor &e = *c.session()->editor();
    c.session()->sendFromClient(0, false);
    QCOMPARE(c.session()->scenario().requests.size(), 2);
    QCOMPARE(e.requests()->rowCount(), 2);
    QCOMPARE(e.undoText(), QStringLiteral("Send R2"));
    e.undo();
    QCOMPARE(c.session()->scenario().requests.size(), 1);
    QCOMPARE(e.requests()->rowCount(), 1);
}

void TstScenarioEditor::asksBeforeLosingEdits()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("single-request"));
    ScenarioEditor &e = *c.session()->editor();
    e.setAskBeforeDiscarding(true);
    QSignalSpy asked(&e, &ScenarioEditor::discardEditsAsked);
    QSignalSpy presets(c.session(), &Session::presetChanged);

    // Clean: no question.
    c.session()->setPreset(QStringLiteral("burst"));
    QCOMPARE(asked.count(), 0);
    QCOMPARE(c.session()->preset(), QStringLiteral("burst"));

    QCOMPARE(e.addClient(), QString());
    const QJsonObject edited = file(c.session()->scenario());
    c.session()->setPreset(QStringLiteral("missing-key"));
    QCOMPARE(asked.count(), 1);
    QCOMPARE(c.session()->preset(), QStringLiteral("burst"));
    QCOMPARE(file(c.session()->scenario()), edited);
    e.keepEdits();
    e.discardEditsAndContinue(); // nothing held back any more
    QCOMPARE(c.session()->preset(), QStringLiteral("burst"));

    e.newScenario();
    QCOMPARE(asked.count(), 2);
    QCOMPARE(file(c.session()->scenario()), edited);
    e.discardEditsAndContinue();
    QCOMPARE(file(c.session()->scenario()), file(ScenarioEdit::newScenario()));
    QVERIFY(!e.dirty());

    QCOMPARE(e.addClient(), QString());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QCOMPARE(e.saveAs(QUrl::fromLocalFile(path)), QString());
    QCOMPARE(e.addClient(), QString());
    QVERIFY(!c.session()->loadFile(QUrl::fromLocalFile(path))); // held back
    QCOMPARE(asked.count(), 3);
    e.discardEditsAndContinue();
    QCOMPARE(c.session()->scenario().clients.size(), 3);
    QVERIFY(!e.dirty());
    QVERIFY(presets.count() >= 2);
}

void TstScenarioEditor::newScenario()
{
    SimulationController c;
    c.session()->setPreset(QStringLiteral("burst"));
    c.session()->editor()->newScenario();
    QCOMPARE(c.session()->scenario().clients.size(), 2);
    QCOMPARE(c.session()->scenario().requests.size(), 1);
    QCOMPARE(c.session()->editor()->requests()->rowCount(), 1);
    QCOMPARE(c.session()->editor()->clients()->rowCount(), 2);
    QCOMPARE(c.session()->editor()->fileUrl(), QUrl());
    QVERIFY(!c.session()->editor()->canUndo());
    QCOMPARE(c.playback()->run()->verdict.sideEffects.value(QStringLiteral("K1")), 1);
    QCOMPARE(c.session()->presetIndex(), -1);
}

QTEST_MAIN(TstScenarioEditor)
#include "tst_scenarioeditor.moc"
