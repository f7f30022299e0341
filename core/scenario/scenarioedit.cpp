#include "scenarioedit.h"

#include "scenario/entryfields.h"
#include "scenario/scenarioreader.h"
#include "scenario/scenariowriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace idem {

namespace {

/// `prefix` followed by the first number from 1 that `taken` does not hold.
QString firstFree(const QString &prefix, const QSet<QString> &taken)
{
    for (int n = 1;; ++n) {
        const QString name = prefix + QString::number(n);
        if (!taken.contains(name))
            return name;
    }
}

QString noSuch(const QString &list, int index)
{
    return QStringLiteral("scenario: %1[%2]: there is no such entry").arg(list).arg(index);
}

template <typename T> bool inRange(const QVector<T> &list, int index)
{
    return index >= 0 && index < list.size();
}

/// Whether `fault` is about one request's attempt (and so goes when the request goes).
bool namesRequest(const FaultSpec &fault, const QString &id)
{
    switch (fault.kind) {
    case FaultKind::Crash:
        return fault.atUs < 0 && fault.request == id;
    case FaultKind::Duplicate:
    case FaultKind::Fail:
        return fault.request == id;
    default:
        return false;
    }
}

} // namespace

ScenarioEdit::ScenarioEdit(Scenario scenario) : m_scenario(std::move(scenario)) {}

Scenario ScenarioEdit::newScenario()
{
    Scenario s;
    s.name = QStringLiteral("new-scenario");
    s.title = QStringLiteral("New scenario");
    s.description = QStringLiteral("Two clients and one request: add your own.");
    s.clients = {{QStringLiteral("Client 1"), 0}, {QStringLiteral("Client 2"), 1}};
    RequestSpec r;
    r.id = QStringLiteral("R1");
    r.key = QStringLiteral("K1");
    s.requests = {r};
    return s;
}

ScenarioLoad ScenarioEdit::check(const Scenario &scenario)
{
    const QByteArray json = QJsonDocument(ScenarioWriter::toJson(scenario)).toJson();
    return ScenarioReader::fromJson(json, QStringLiteral("scenario"));
}

QString ScenarioEdit::apply(const std::function<QString(Scenario &)> &change)
{
    Scenario edited = m_scenario;
    if (QString error = change(edited); !error.isEmpty())
        return error;
    ScenarioLoad load = check(edited);
    if (!load.scenario)
        return load.error;
    // What the reader gave back, so the scenario held is exactly what a saved file reads as.
    m_scenario = std::move(*load.scenario);
    return {};
}

template <typename T> QString ScenarioEdit::addEntry(QVector<T> Scenario::*list, const T &entry)
{
    return apply([&](Scenario &s) {
        (s.*list).append(entry);
        return QString();
    });
}

template <typename T>
QString ScenarioEdit::removeEntry(QVector<T> Scenario::*list, const QString &name, int index)
{
    return apply([&](Scenario &s) {
        if (!inRange(s.*list, index))
            return noSuch(name, index);
        (s.*list).removeAt(index);
        return QString();
    });
}

template <typename T>
QString ScenarioEdit::setEntry(QVector<T> Scenario::*list, const QString &name, int index,
                               const T &entry)
{
    return apply([&](Scenario &s) {
        if (!inRange(s.*list, index))
            return noSuch(name, index);
        (s.*list)[index] = entry;
        return QString();
    });
}

QString ScenarioEdit::nextRequestId() const
{
    QSet<QString> ids;
    for (const RequestSpec &r : m_scenario.requests)
        ids.insert(r.id);
    return firstFree(QStringLiteral("R"), ids);
}

QString ScenarioEdit::nextKey() const
{
    QSet<QString> keys;
    for (const RequestSpec &r : m_scenario.requests)
        if (r.key)
            keys.insert(*r.key);
    return firstFree(QStringLiteral("K"), keys);
}

QString ScenarioEdit::nextClientName() const
{
    QSet<QString> names;
    for (const ClientSpec &c : m_scenario.clients)
        names.insert(c.name);
    return firstFree(QStringLiteral("Client "), names);
}

QString ScenarioEdit::addClient(int region)
{
    return addEntry(&Scenario::clients, ClientSpec{nextClientName(), region});
}

QString ScenarioEdit::removeClient(int index)
{
    return apply([&](Scenario &s) {
        if (!inRange(s.clients, index))
            return noSuch(QStringLiteral("clients"), index);
        for (int i = int(s.requests.size()) - 1; i >= 0; --i)
            if (s.requests[i].client == index)
                removeRequestAt(s, i);
        for (RequestSpec &r : s.requests)
            if (r.client > index)
                --r.client;
        s.clients.removeAt(index);
        return QString();
    });
}

QString ScenarioEdit::setClient(int index, const ClientSpec &client)
{
    return setEntry(&Scenario::clients, QStringLiteral("clients"), index, client);
}

QString ScenarioEdit::addRequest(int client, qint64 atUs)
{
    RequestSpec r;
    r.id = nextRequestId();
    r.client = client;
    r.atUs = atUs;
    r.key = nextKey();
    return addRequest(r);
}

QString ScenarioEdit::addRequest(const RequestSpec &request)
{
    return addEntry(&Scenario::requests, request);
}

void ScenarioEdit::removeRequestAt(Scenario &s, int index)
{
    const QString id = s.requests[index].id;
    s.requests.removeAt(index);
    s.drops.erase(std::remove_if(s.drops.begin(), s.drops.end(),
                                 [&](const DropSpec &d) { return d.request == id; }),
                  s.drops.end());
    s.faults.erase(std::remove_if(s.faults.begin(), s.faults.end(),
                                  [&](const FaultSpec &f) { return namesRequest(f, id); }),
                   s.faults.end());
}

QString ScenarioEdit::removeRequest(int index)
{
    return apply([&](Scenario &s) {
        if (!inRange(s.requests, index))
            return noSuch(QStringLiteral("requests"), index);
        removeRequestAt(s, index);
        return QString();
    });
}

QString ScenarioEdit::setRequest(int index, const RequestSpec &request)
{
    return apply([&](Scenario &s) {
        if (!inRange(s.requests, index))
            return noSuch(QStringLiteral("requests"), index);
        const QString id = s.requests[index].id;
        s.requests[index] = request;
        s.requests[index].id = id;
        return QString();
    });
}

QString ScenarioEdit::moveRequest(int index, qint64 atUs)
{
    return apply([&](Scenario &s) {
        if (!inRange(s.requests, index))
            return noSuch(QStringLiteral("requests"), index);
        s.requests[index].atUs = atUs;
        return QString();
    });
}

QString ScenarioEdit::addDrop(const DropSpec &drop)
{
    return addEntry(&Scenario::drops, drop);
}

QString ScenarioEdit::addDrop()
{
    for (const RequestSpec &r : m_scenario.requests)
        for (const DropPoint point : {DropPoint::Response, DropPoint::Request}) {
            const bool taken = std::any_of(
                m_scenario.drops.cbegin(), m_scenario.drops.cend(), [&](const DropSpec &d) {
                    return d.request == r.id && d.attempt == 1 && d.point == point;
                });
            if (!taken)
                return addDrop(DropSpec{r.id, 1, point});
        }
    return QStringLiteral("scenario: drops: every request's first request and response are "
                          "already dropped (change a drop's attempt to lose a retry's)");
}

QString ScenarioEdit::setDropField(int index, const QString &field, const QString &text)
{
    return applyField(QStringLiteral("drops"), index, field, text);
}

QString ScenarioEdit::applyField(const QString &list, int index, const QString &field,
                                 const QString &text)
{
    QJsonObject file = ScenarioWriter::toJson(m_scenario);
    QJsonArray entries = file.value(list).toArray();
    if (index < 0 || index >= entries.size())
        return noSuch(list, index);
    const QString first = m_scenario.requests.isEmpty() ? QString() : m_scenario.requests[0].id;
    entries[index] = EntryFields::withField(entries[index].toObject(), field, text, first);
    file.insert(list, entries);
    ScenarioLoad load =
        ScenarioReader::fromJson(QJsonDocument(file).toJson(), QStringLiteral("scenario"));
    if (!load.scenario)
        return load.error;
    m_scenario = std::move(*load.scenario);
    return {};
}

QString ScenarioEdit::removeDrop(int index)
{
    return removeEntry(&Scenario::drops, QStringLiteral("drops"), index);
}

QString ScenarioEdit::setDrop(int index, const DropSpec &drop)
{
    return setEntry(&Scenario::drops, QStringLiteral("drops"), index, drop);
}

QString ScenarioEdit::addFault(const FaultSpec &fault)
{
    return addEntry(&Scenario::faults, fault);
}

QString ScenarioEdit::addFault(FaultKind kind, qint64 atUs)
{
    return addFault(newFault(kind, atUs));
}

FaultSpec ScenarioEdit::newFault(FaultKind kind, qint64 atUs) const
{
    FaultSpec f;
    f.kind = kind;
    f.request = m_scenario.requests.isEmpty() ? QString() : m_scenario.requests[0].id;
    if (kind == FaultKind::Crash)
        f.server = QStringLiteral("server-a1");
    const qint64 maxUs = ScenarioReader::maxAtMs * 1000;
    f.fromUs = std::clamp<qint64>(atUs / 1000 * 1000, 0, maxUs - 1'000'000);
    f.untilUs = f.fromUs + 1'000'000;
    return f;
}

QString ScenarioEdit::setFaultField(int index, const QString &field, const QString &text)
{
    return applyField(QStringLiteral("faults"), index, field, text);
}

QString ScenarioEdit::removeFault(int index)
{
    return removeEntry(&Scenario::faults, QStringLiteral("faults"), index);
}

QString ScenarioEdit::setFault(int index, const FaultSpec &fault)
{
    return setEntry(&Scenario::faults, QStringLiteral("faults"), index, fault);
}

} // namespace idem
