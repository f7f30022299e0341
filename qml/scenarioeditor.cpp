#include "scenarioeditor.h"

#include "playback.h"
#include "scenarioentries.h"
#include "session.h"

#include "export/exporter.h"
#include "model/node.h"
#include "scenario/scenarioloader.h"

#include <QJsonDocument>

#include <cmath>

namespace idem {

namespace {

/// Where a dragged ◆ sends its request: whole ms, within what a scenario allows (past the
/// run's end, but not past a day).
qint64 draggedTime(double atUs)
{
    return std::clamp<qint64>(std::llround(atUs / 1000.0), 0, ScenarioReader::maxAtMs) * 1000;
}

} // namespace

ScenarioEditor::ScenarioEditor(Session &session, QObject *parent)
    : QObject(parent), m_session(session)
{
    connect(&m_stack, &QUndoStack::indexChanged, this, &ScenarioEditor::stackChanged);
    connect(&m_stack, &QUndoStack::cleanChanged, this, [this] {
        if (dirty() != m_wasDirty) {
            m_wasDirty = dirty();
            emit dirtyChanged();
        }
    });
    connect(&session, &Session::scenarioChanged, this, &ScenarioEditor::refresh);
}

QString ScenarioEditor::dropText(const DropSpec &d)
{
    return ScenarioEntries::dropText(d);
}

QStringList ScenarioEditor::faultKinds()
{
    return ScenarioEntries::kindChoices();
}

QStringList ScenarioEditor::drops() const
{
    QStringList lines;
    for (const DropSpec &d : m_session.scenario().drops)
        lines << tr("%1 is lost").arg(dropText(d));
    return lines;
}

QStringList ScenarioEditor::faults() const
{
    QStringList lines;
    for (const FaultSpec &f : m_session.scenario().faults)
        lines << ScenarioEntries::faultText(f);
    return lines;
}

QString ScenarioEditor::fileName() const
{
    return m_fileUrl.isEmpty() ? m_session.scenario().name + QStringLiteral(".json")
                               : m_fileUrl.fileName();
}

QStringList ScenarioEditor::clientNames() const
{
    QStringList names;
    for (const ClientSpec &c : m_session.scenario().clients)
        names << c.name;
    return names;
}

QStringList ScenarioEditor::targets() const
{
    QStringList list{QStringLiteral("auto")};
    for (int cluster = 0; cluster < 2; ++cluster) {
        list << clusterName(cluster);
        for (int s = 1; s <= m_session.scenario().settings.serversPerCluster; ++s)
            list << clusterName(cluster) + QString::number(s);
    }
    return list;
}

void ScenarioEditor::refresh()
{
    const Scenario &s = m_session.scenario();
    m_clients.setRows(s.clients);
    m_requests.setRows(s);
    QVector<EntryRow> rows;
    for (const DropSpec &d : s.drops)
        rows.append({tr("%1 is lost").arg(dropText(d)), ScenarioEntries::dropFields(d, s)});
    m_dropRows.setRows(rows);
    rows.clear();
    for (const FaultSpec &f : s.faults)
        rows.append({ScenarioEntries::faultText(f), ScenarioEntries::faultFields(f, s)});
    m_faultRows.setRows(rows);
    emit scenarioChanged();
}

void ScenarioEditor::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorTextChanged();
}

QString ScenarioEditor::refuse(const QString &error)
{
    setError(error);
    return error;
}

void ScenarioEditor::setFileUrl(const QUrl &url)
{
    if (m_fileUrl == url)
        return;
    m_fileUrl = url;
    emit fileUrlChanged();
}

void ScenarioEditor::setAskBeforeDiscarding(bool ask)
{
    if (m_askBeforeDiscarding == ask)
        return;
    m_askBeforeDiscarding = ask;
    emit askBeforeDiscardingChanged();
}

QString ScenarioEditor::edit(const QString &text,
                             const std::function<QString(ScenarioEdit &)> &change,
                             ScenarioCommand::Kind kind, const QString &subject)
{
    if (m_session.liveRecord())
        return refuse(tr("Live mode: the requests come from real HTTP clients; pick a preset "
                         "or open a scenario to edit one"));
    ScenarioEdit e(m_session.scenario());
    if (const QString error = change(e); !error.isEmpty())
        return refuse(error);
    setError({});
    if (ScenarioLoader::toJson(e.scenario()) == ScenarioLoader::toJson(m_session.scenario()))
        return {}; // nothing changed: no step to undo
    ScenarioCommand::Step step;
    step.before = m_session.scenario();
    step.after = e.scenario();
    step.text = text;
    step.kind = kind;
    step.subject = subject;
    m_stack.push(new ScenarioCommand(*this, std::move(step)));
    return {};
}

void ScenarioEditor::show(Scenario scenario)
{
    scenario.settings = m_session.scenario().settings;
    m_session.runEdited(scenario);
}

void ScenarioEditor::pushApplied(ScenarioCommand::Step step)
{
    step.applied = true;
    m_stack.push(new ScenarioCommand(*this, std::move(step)));
}

const ScenarioCommand::Step *ScenarioEditor::topStep() const
{
    if (!m_stack.canUndo())
        return nullptr;
    return &static_cast<const ScenarioCommand *>(m_stack.command(m_stack.index() - 1))->step();
}

QString ScenarioEditor::undoableFault(const QString &target) const
{
    const ScenarioCommand::Step *step = topStep();
    return step && step->kind == ScenarioCommand::Kind::Fault && step->subject == target
               ? step->what
               : QString();
}

void ScenarioEditor::reset(const QUrl &file)
{
    m_pending = nullptr;
    m_stack.clear();
    m_stack.setClean();
    setFileUrl(file);
    setError({});
}

QString ScenarioEditor::addClient()
{
    ScenarioEdit probe(m_session.scenario());
    return edit(tr("Add %1").arg(probe.nextClientName()),
                [](ScenarioEdit &e) { return e.addClient(); });
}

QString ScenarioEditor::removeClient(int index)
{
    const QString name = m_session.scenario().clients.value(index).name;
    return edit(tr("Remove %1").arg(name), [&](ScenarioEdit &e) { return e.removeClient(index); });
}

QString ScenarioEditor::setClientField(int index, const QString &field, const QString &text)
{
    const auto &clients = m_session.scenario().clients;
    if (index < 0 || index >= clients.size())
        return refuse(tr("There is no client %1").arg(index + 1));
    ClientSpec c = clients[index];
    if (field == QLatin1String("name")) {
        c.name = text.trimmed();
    } else if (field == QLatin1String("region")) {
        const int region =
            QStringList{QStringLiteral("A"), QStringLiteral("B")}.indexOf(text.trimmed().toUpper());
        if (region < 0)
            return refuse(tr("A client's region is A or B, not \"%1\"").arg(text));
        c.region = region;
    } else {
        return refuse(tr("A client has no field \"%1\"").arg(field));
    }
    return edit(tr("Change %1").arg(clients[index].name),
                [&](ScenarioEdit &e) { return e.setClient(index, c); });
}

QString ScenarioEditor::addRequest(int client)
{
    ScenarioEdit probe(m_session.scenario());
    const qint64 atUs = qint64(m_session.playback().timeUs()) / 1000 * 1000; // whole ms
    return edit(tr("Add %1").arg(probe.nextRequestId()),
                [&](ScenarioEdit &e) { return e.addRequest(client, atUs); });
}

QString ScenarioEditor::removeRequest(int index)
{
    const QString id = m_session.scenario().requests.value(index).id;
    return edit(tr("Remove %1").arg(id), [&](ScenarioEdit &e) { return e.removeRequest(index); });
}

QString ScenarioEditor::setRequestField(int index, const QString &field, const QString &text)
{
    const Scenario &s = m_session.scenario();
    if (index < 0 || index >= s.requests.size())
        return refuse(tr("There is no request %1").arg(index + 1));
    RequestSpec r = s.requests[index];
    const QString t = text.trimmed();
    if (field == QLatin1String("atMs")) {
        bool ok = false;
        const double ms = t.toDouble(&ok);
        if (!ok || !std::isfinite(ms))
            return refuse(tr("%1's time is a number of ms, not \"%2\"").arg(r.id, text));
        // Out of range is the reader's to say, in its one wording.
        r.atUs = std::llround(std::clamp(ms, -1.0, double(ScenarioReader::maxAtMs) + 1) * 1000);
    } else if (field == QLatin1String("key")) {
        if (t.isEmpty())
            r.key.reset();
        else
            r.key = t;
    } else if (field == QLatin1String("amount")) {
        bool ok = false;
        const qint64 amount = t.toLongLong(&ok);
        if (!ok)
            return refuse(tr("%1's amount is a whole number, not \"%2\"").arg(r.id, text));
        r.body.amount = amount;
    } else if (field == QLatin1String("target")) {
        const int at =
            targets().indexOf(t.toUpper() == QLatin1String("AUTO") ? t.toLower() : t.toUpper());
        if (at < 0)
            return refuse(tr("%1's target is one of %2, not \"%3\"")
                              .arg(r.id, targets().join(QStringLiteral(", ")), text));
        const QString target = targets().at(at);
        r.cluster = target == QLatin1String("auto") ? -1 : (target.startsWith('A') ? 0 : 1);
        r.server =
            target.size() > 1 && target != QLatin1String("auto") ? target.mid(1).toInt() - 1 : -1;
    } else if (field == QLatin1String("client")) {
        const auto it = std::find_if(s.clients.cbegin(), s.clients.cend(),
                                     [&](const ClientSpec &c) { return c.name == t; });
        if (it == s.clients.cend())
            return refuse(tr("There is no client \"%1\"").arg(text));
        r.client = int(it - s.clients.cbegin());
    } else {
        return refuse(tr("A request has no field \"%1\"").arg(field));
    }
    return edit(tr("Change %1").arg(r.id), [&](ScenarioEdit &e) { return e.setRequest(index, r); });
}

QString ScenarioEditor::moveRequest(int index, double atUs)
{
    m_drag.stop();
    return moveNow(index, atUs);
}

void ScenarioEditor::dragRequest(int index, double atUs)
{
    m_drag.move(index, atUs);
}

QString ScenarioEditor::moveNow(int index, double atUs)
{
    const QString id = m_session.scenario().requests.value(index).id;
    const qint64 us = draggedTime(atUs);
    return edit(
        tr("Move %1").arg(id), [&](ScenarioEdit &e) { return e.moveRequest(index, us); },
        ScenarioCommand::Kind::Move, id);
}

QString ScenarioEditor::addDrop()
{
    return edit(tr("Add a drop"), [](ScenarioEdit &e) { return e.addDrop(); });
}

QString ScenarioEditor::setDropField(int index, const QString &field, const QString &text)
{
    const auto &drops = m_session.scenario().drops;
    const QString what = index >= 0 && index < drops.size() ? dropText(drops[index]) : QString();
    return edit(tr("Change the drop of %1").arg(what),
                [&](ScenarioEdit &e) { return e.setDropField(index, field, text); });
}

QString ScenarioEditor::addFault(int kind)
{
    const QStringList kinds = faultKinds();
    if (kind < 0 || kind >= kinds.size())
        return refuse(tr("There is no kind of fault %1 (the kinds are: %2)")
                          .arg(kind)
                          .arg(kinds.join(QStringLiteral(", "))));
    const qint64 atUs = qint64(m_session.playback().timeUs());
    return edit(tr("Add: %1").arg(kinds.at(kind)),
                [&](ScenarioEdit &e) { return e.addFault(FaultKind(kind), atUs); });
}

QString ScenarioEditor::setFaultField(int index, const QString &field, const QString &text)
{
    const auto &faults = m_session.scenario().faults;
    if (index < 0 || index >= faults.size())
        return refuse(tr("There is no fault %1").arg(index + 1));
    QString name = field;
    QString value = text;
    if (field == QLatin1String("when")) {
        const auto when = ScenarioEntries::whenField(faults[index].kind, text,
                                                     qint64(m_session.playback().timeUs()));
        if (!when)
            return refuse(
                tr("A %1 fault has no moment \"%2\"").arg(faultKindName(faults[index].kind), text));
        std::tie(name, value) = *when;
    }
    return edit(tr("Change a fault"),
                [&](ScenarioEdit &e) { return e.setFaultField(index, name, value); });
}

QString ScenarioEditor::removeDrop(int index)
{
    const auto &drops = m_session.scenario().drops;
    const QString what = index >= 0 && index < drops.size() ? dropText(drops[index]) : QString();
    return edit(tr("Remove the drop of %1").arg(what),
                [&](ScenarioEdit &e) { return e.removeDrop(index); });
}

QString ScenarioEditor::removeFault(int index)
{
    return edit(tr("Remove a fault"), [&](ScenarioEdit &e) { return e.removeFault(index); });
}

void ScenarioEditor::undo()
{
    const ScenarioCommand::Step *step = topStep();
    const QString fault =
        step && step->kind == ScenarioCommand::Kind::Fault ? step->what : QString();
    m_stack.undo();
    if (!fault.isEmpty())
        emit m_session.faultNotice(tr("Removed %1").arg(fault), true);
}

void ScenarioEditor::redo()
{
    m_stack.redo();
}

QString ScenarioEditor::save()
{
    if (m_fileUrl.isEmpty())
        return refuse(tr("This scenario has no file yet: use Save as"));
    return saveAs(m_fileUrl);
}

QString ScenarioEditor::saveAs(const QUrl &url)
{
    const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
    if (path.isEmpty())
        return refuse(tr("Choose a file to save the scenario to"));
    const QByteArray json = QJsonDocument(ScenarioLoader::toJson(m_session.scenario())).toJson();
    if (const auto error = Exporter::writeFile(path, json))
        return refuse(*error);
    setError({});
    setFileUrl(url.isLocalFile() || url.scheme().isEmpty() ? QUrl::fromLocalFile(path) : url);
    m_stack.setClean();
    return {};
}

void ScenarioEditor::newScenario()
{
    unlessEditsAreLost([this] { m_session.setScenario(ScenarioEdit::newScenario()); });
}

bool ScenarioEditor::unlessEditsAreLost(std::function<void()> action)
{
    if (m_askBeforeDiscarding && dirty()) {
        m_pending = std::move(action);
        emit discardEditsAsked();
        return false;
    }
    m_pending = nullptr;
    action();
    return true;
}

void ScenarioEditor::discardEditsAndContinue()
{
    if (!m_pending)
        return;
    const auto action = std::move(m_pending);
    m_pending = nullptr;
    action();
}

void ScenarioEditor::keepEdits()
{
    m_pending = nullptr;
}

} // namespace idem
