// The settings drawer's model: one row per row of the settings table, values from the
// controller's scenario, typed values validated, and changes announced row by row.
#include "model/settings.h"
#include "settingsmodel.h"
#include "simulationcontroller.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace idem;

namespace {

/// A toggle's value as typed ("on", "off").
QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

int rowOf(const SettingsModel &model, const QString &name)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r).data(SettingsModel::NameRole).toString() == name)
            return r;
    return -1;
}

QVariant cell(const SettingsModel &model, const QString &name, SettingsModel::Role role)
{
    return model.index(rowOf(model, name)).data(role);
}

} // namespace

class TstSettingsModel : public QObject
{
    Q_OBJECT

private slots:
    void everySettingHasAControl();
    void rolesFollowTheTable();
    void typedValue_data();
    void typedValue();
    void sliderStops_data();
    void sliderStops();
    void changesAreAnnouncedRowByRow();
    void keepsThePlayhead();
    void namesPickRows();
    void lossRowNamesScriptedDrops();
};

void TstSettingsModel::everySettingHasAControl()
{
    // A setting added to the table shows up in the drawer by itself: one row each, in
    // order, with a label, a tip for a newcomer, and a usable range.
    SimulationController controller;
    SettingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSession(controller.session());
    const auto &infos = settingInfos();
    QCOMPARE(model.rowCount(), int(infos.size()));
    for (int r = 0; r < model.rowCount(); ++r) {
        const SettingInfo &info = infos[size_t(r)];
        const QModelIndex i = model.index(r);
        QCOMPARE(i.data(SettingsModel::NameRole).toString(), info.json);
        QVERIFY2(!info.control.label.isEmpty(), qPrintable(info.json));
        QVERIFY2(info.control.tip.size() > 40, qPrintable(info.json));
        QVERIFY2(info.control.minimum < info.control.maximum, qPrintable(info.json));
        QVERIFY2(info.control.step > 0, qPrintable(info.json));
        const QString kind = i.data(SettingsModel::KindRole).toString();
        const QVariantList stops = i.data(SettingsModel::StopsRole).toList();
        const bool slider = kind == QLatin1String("millis") || kind == QLatin1String("count") ||
                            kind == QLatin1String("probability");
        QCOMPARE(!stops.isEmpty(), slider);
        if (kind == QLatin1String("choice"))
            QCOMPARE(i.data(SettingsModel::ChoicesRole).toStringList().size(),
                     info.control.choiceLabels.size());
        // The value shown is the scenario's, as a scenario file writes it.
        QCOMPARE(i.data(SettingsModel::ValueRole),
                 controller.session()->scenario().settings.toJson().value(info.json).toVariant());
    }
}

void TstSettingsModel::rolesFollowTheTable()
{
    SettingsModel model;
    const QHash<int, QByteArray> names = model.roleNames();
    QCOMPARE(names.value(SettingsModel::NameRole), QByteArray("name"));
    QCOMPARE(names.value(SettingsModel::NameRole + 0), QByteArray("name"));
    QCOMPARE(int(SettingsModel::NameRole), Qt::UserRole + 1);
    QCOMPARE(names.size(), int(SettingsModel::NoteRole) - Qt::UserRole);
    // Without a controller there is nothing to set, and it says so in one line.
    QCOMPARE(model.set(0, QStringLiteral("on")), QStringLiteral("There is no run to change."));
}

void TstSettingsModel::typedValue_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("error"); // empty = accepted
    QTest::addColumn<QString>("shown"); // valueText afterwards

    QTest::addRow("lag exactly 2 s") << "lagMs"
                                     << "2000" << QString() << "2000";
    QTest::addRow("fraction of a ms") << "delayMs"
                                      << "12.5" << QString() << "12.5";
    QTest::addRow("spaces around") << "jitterMs"
                                   << " 40 " << QString() << "40";
    QTest::addRow("beyond the slider") << "delayMs"
                                       << "900" << QString() << "900";
    QTest::addRow("loss") << "loss"
                          << "0.05" << QString() << "0.05";
    QTest::addRow("retries") << "retries"
                             << "3" << QString() << "3";
    QTest::addRow("toggle") << "mutex"
                            << "on" << QString() << "on";
    QTest::addRow("choice") << "replay"
                            << "original" << QString() << "original";
    QTest::addRow("seed") << "seed"
                          << "42" << QString() << "42";
    QTest::addRow("not a number") << "delayMs"
                                  << "fast"
                                  << "Network delay takes N, got \"fast\""
                                  << "20";
    QTest::addRow("negative") << "delayMs"
                              << "-5"
                              << "Network delay must be between 0 and 3600000 ms, got -5"
                              << "20";
    QTest::addRow("loss above 1") << "loss"
                                  << "1.5"
                                  << "Message loss must be a probability from 0 to 1, got 1.5"
                                  << "0";
    QTest::addRow("retries a fraction") << "retries"
                                        << "1.5"
                                        << "Retries must be a whole number from 0 to 10, got 1.5"
                                        << "0";
    QTest::addRow("timeout zero") << "timeoutMs"
                                  << "0"
                                  << "Client timeout must be between 1 and 86400000 ms, got 0"
                                  << "1000";
    QTest::addRow("toggle word") << "cache"
                                 << "maybe"
                                 << "Shared cache takes on or off, got \"maybe\""
                                 << "off";
    QTest::addRow("empty") << "opMs"
                           << ""
                           << "Operation time takes N, got \"\""
                           << "300";
}

void TstSettingsModel::typedValue()
{
    QFETCH(QString, name);
    QFETCH(QString, typed);
    QFETCH(QString, error);
    QFETCH(QString, shown);
    SimulationController controller;
    controller.session()->setPreset(QStringLiteral("single-request"));
    SettingsModel model;
    model.setSession(controller.session());
    QSignalSpy settings(controller.session(), &Session::settingsChanged);
    QSignalSpy run(controller.playback(), &Playback::runChanged);
    const int row = rowOf(model, name);
    QVERIFY(row >= 0);
    QCOMPARE(model.set(row, typed), error);
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(cell(model, name, SettingsModel::ValueTextRole).toString(), shown);
    QCOMPARE(settings.count(), error.isEmpty() ? 1 : 0);
    QCOMPARE(run.count(), error.isEmpty() ? 1 : 0); // the run recomputes, once
}

void TstSettingsModel::sliderStops_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("last");
    QTest::addColumn<QVariantList>("mustHave");

    QTest::addRow("lag, log") << "lagMs" << 0.0 << 600000.0
                              << QVariantList{10.0, 100.0, 1500.0, 2000.0, 60000.0};
    QTest::addRow("delay, linear") << "delayMs" << 0.0 << 500.0 << QVariantList{5.0, 20.0, 495.0};
    QTest::addRow("loss") << "loss" << 0.0 << 1.0 << QVariantList{0.01, 0.05, 0.1, 0.99};
    QTest::addRow("op") << "opMs" << 0.0 << 2000.0 << QVariantList{300.0, 1990.0};
    QTest::addRow("timeout, log") << "timeoutMs" << 10.0 << 600000.0
                                  << QVariantList{1000.0, 2000.0};
    QTest::addRow("retries") << "retries" << 0.0 << 10.0 << QVariantList{1.0, 2.0, 9.0};
}

void TstSettingsModel::sliderStops()
{
    QFETCH(QString, name);
    QFETCH(double, first);
    QFETCH(double, last);
    QFETCH(QVariantList, mustHave);
    SimulationController controller;
    SettingsModel model;
    model.setSession(controller.session());
    const QVariantList stops = cell(model, name, SettingsModel::StopsRole).toList();
    QVERIFY(stops.size() >= 2);
    QCOMPARE(stops.first().toDouble(), first);
    QCOMPARE(stops.last().toDouble(), last);
    for (int i = 1; i < stops.size(); ++i)
        QVERIFY(stops[i - 1].toDouble() < stops[i].toDouble());
    for (const QVariant &v : mustHave)
        QVERIFY2(stops.contains(v), qPrintable(v.toString()));

    // Each stop is reachable (arrow keys move one stop) and sets exactly its value.
    const int row = rowOf(model, name);
    const int stop = int(stops.indexOf(mustHave.first()));
    QCOMPARE(model.setStop(row, stop), QString());
    QCOMPARE(cell(model, name, SettingsModel::StopIndexRole).toInt(), stop);
    QCOMPARE(cell(model, name, SettingsModel::ValueRole).toDouble(), mustHave.first().toDouble());
    QVERIFY(!model.setStop(row, int(stops.size())).isEmpty());
    QVERIFY(!model.setStop(row, -1).isEmpty());
}

void TstSettingsModel::changesAreAnnouncedRowByRow()
{
    SimulationController controller;
    SettingsModel model;
    model.setSession(controller.session());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // A change made elsewhere (the toolbar's switch) reaches its row, and only its row.
    QCOMPARE(controller.session()->setSetting(
                 QStringLiteral("mutex"), onOff(!controller.session()->scenario().settings.mutex)),
             QString());
    QCOMPARE(changed.count(), 1);
    const int mutexRow = rowOf(model, QStringLiteral("mutex"));
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), mutexRow);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), mutexRow);
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(SettingsModel::ValueRole));

    // Setting the value it already has announces nothing.
    changed.clear();
    QCOMPARE(
        model.set(rowOf(model, QStringLiteral("delayMs")),
                  cell(model, QStringLiteral("delayMs"), SettingsModel::ValueTextRole).toString()),
        QString());
    QCOMPARE(changed.count(), 0);

    // A new preset that changes several settings announces each changed row once.
    changed.clear();
    controller.session()->setPreset(QStringLiteral("lost-response")); // retries 1
    QSet<int> rows;
    for (const QList<QVariant> &args : changed)
        rows.insert(args.at(0).value<QModelIndex>().row());
    QCOMPARE(rows.size(), changed.count());
    QVERIFY(rows.contains(rowOf(model, QStringLiteral("retries"))));

    // A bad value changes nothing and announces nothing.
    changed.clear();
    QVERIFY(!model.set(rowOf(model, QStringLiteral("loss")), QStringLiteral("2")).isEmpty());
    QCOMPARE(changed.count(), 0);
}

void TstSettingsModel::keepsThePlayhead()
{
    SimulationController controller;
    controller.session()->setPreset(QStringLiteral("parallel-two-clusters"));
    SettingsModel model;
    model.setSession(controller.session());
    controller.playback()->seek(150'000);
    QCOMPARE(model.set(rowOf(model, QStringLiteral("jitterMs")), QStringLiteral("30")), QString());
    QCOMPARE(controller.playback()->timeUs(), 150'000.0);
    QCOMPARE(controller.session()->scenario().settings.jitterUs, 30'000);
}

void TstSettingsModel::namesPickRows()
{
    // The toolbar shows a few settings, in its own order; a name not in the table is left
    // out rather than shown empty.
    SimulationController controller;
    SettingsModel model;
    model.setSession(controller.session());
    QSignalSpy names(&model, &SettingsModel::namesChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setNames({QStringLiteral("opMs"), QStringLiteral("nosuch"), QStringLiteral("delayMs")});
    QCOMPARE(names.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data(SettingsModel::NameRole).toString(), QStringLiteral("opMs"));
    QCOMPARE(model.index(1).data(SettingsModel::LabelRole).toString(),
             QStringLiteral("Network delay"));
    QCOMPARE(model.set(1, QStringLiteral("40")), QString());
    QCOMPARE(controller.session()->settings().value(QStringLiteral("delayMs")).toDouble(), 40.0);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(controller.session()->setSetting(QStringLiteral("opMs"), QString::number(500)),
             QString());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    model.setNames(model.names());
    QCOMPARE(names.count(), 1);
}

void TstSettingsModel::lossRowNamesScriptedDrops()
{
    // The loss row says when the scenario also loses a message on purpose, so "loss 0 %"
    // does not contradict a preset that loses one; a preset without drops has no note.
    SimulationController controller;
    controller.session()->setPreset(QStringLiteral("single-request"));
    SettingsModel model;
    model.setSession(controller.session());
    QCOMPARE(cell(model, QStringLiteral("loss"), SettingsModel::NoteRole).toString(), QString());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    controller.session()->setPreset(QStringLiteral("lost-response"));
    const QString note = cell(model, QStringLiteral("loss"), SettingsModel::NoteRole).toString();
    QVERIFY2(note.startsWith(QStringLiteral("plus 1 scripted drop:")), qPrintable(note));
    bool announced = false;
    for (const QList<QVariant> &args : changed)
        announced = announced || (args.at(0).value<QModelIndex>().row() ==
                                      rowOf(model, QStringLiteral("loss")) &&
                                  args.at(2).value<QList<int>>().contains(SettingsModel::NoteRole));
    QVERIFY(announced);
    QCOMPARE(cell(model, QStringLiteral("delayMs"), SettingsModel::NoteRole).toString(), QString());
}

QTEST_MAIN(TstSettingsModel)
#include "tst_settingsmodel.moc"
