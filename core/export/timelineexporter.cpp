#include "export/timelineexporter.h"

#include "report/whytext.h"
#include "scenario/scenarioloader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace idem {

namespace {

const char *const generator = "Idempotency Lab 0.1.0";

// Absent values are written as null rather than left out, so every object of one kind
// has the same fields and a reader never has to guess a default.
QJsonValue nodeId(const RunResult &run, int index)
{
    if (index < 0 || index >= run.nodes.size())
        return QJsonValue::Null;
    return run.nodes[index].id;
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue clusterOrNull(int cluster)
{
    return orNull(clusterName(cluster));
}

QJsonValue statusOrNull(int status)
{
    return status == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(status);
}

QJsonValue microsOrNull(qint64 us)
{
    return us < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(us);
}

} // namespace

QJsonArray TimelineExporter::nodesJson(const RunResult &run)
{
    QJsonArray nodes;
    for (const Node &n : run.nodes) {
        nodes.append(QJsonObject{
            {"id", n.id},
            {"name", n.name},
            {"kind", nodeKindName(n.kind)},
            {"cluster", clusterOrNull(n.cluster)},
        });
    }
    return nodes;
}

QJsonObject TimelineExporter::eventJson(const RunResult &run, const Event &e)
{
    QJsonObject o{
        {"t", e.t},
        {"seq", e.seq},
        {"type", eventTypeName(e.type)},
        {"from", nodeId(run, e.from)},
        {"to", nodeId(run, e.to)},
        {"request", e.request < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(e.request)},
        {"key", orNull(e.key)},
        {"status", statusOrNull(e.status)},
        {"startUs", microsOrNull(e.startUs)},
        {"endUs", microsOrNull(e.endUs)},
        {"lost", e.lost},
        {"label", e.label},
        {"detail", e.detail},
        {"state", e.state},
        {"caption", e.caption},
        {"why", whyOf(run, e)},
    };
    // Newer and optional: only an event that has one names it, so older files stay as they were.
    if (!e.scope.isEmpty())
        o.insert(QStringLiteral("scope"), e.scope);
    return o;
}

QJsonObject TimelineExporter::attemptJson(const RunResult &run, const Attempt &a)
{
    const QVector<ClientSpec> &clients = run.scenario.clients;
    QString client;
    if (a.client >= 0 && a.client < clients.size())
        client = clients[a.client].name;
    else if (a.clientNode >= 0 && a.clientNode < run.nodes.size())
        client = run.nodes[a.clientNode].name;

    return QJsonObject{
        {"request", a.request},
        {"attempt", a.attempt},
        {"client", orNull(client)},
        {"clientNode", nodeId(run, a.clientNode)},
        {"key", orNull(a.key)},
        {"rawKey", orNull(a.rawKey)},
        {"cluster", clusterOrNull(a.cluster)},
        {"server", nodeId(run, a.serverNode)},
        {"status", statusOrNull(a.status)},
        {"outcome", attemptOutcomeName(a.outcome)},
        {"sentUs", a.sentUs},
        {"receivedUs", microsOrNull(a.receivedUs)},
        {"body", QJsonObject{{"from", a.body.from}, {"to", a.body.to}, {"amount", a.body.amount}}},
    };
}

QJsonObject TimelineExporter::databaseJson(const QVector<KeyRow> &keys,
                                           const QVector<LedgerRow> &ledger)
{
    QJsonArray keyRows;
    for (const KeyRow &k : keys) {
        QJsonObject row{
            {"key", k.key},
            {"rawKey", k.rawKey},
            {"status", k.status},
            {"fingerprint", k.fingerprint},
            {"responseCode", statusOrNull(k.responseCode)},
            {"responseBody", orNull(k.responseBody)},
            {"createdUs", k.createdUs},
            {"updatedUs", k.updatedUs},
            {"origin", clusterOrNull(k.origin)},
        };
        // Written only where they say something (a takeover, a scoped key, who claimed it):
        // a timeline without them reads exactly as before they existed.
        if (k.generation > 1)
            row.insert("generation", k.generation);
        if (!k.scope.isEmpty())
            row.insert("scope", k.scope);
        keyRows.append(row);
    }
    QJsonArray ledgerRows;
    for (const LedgerRow &l : ledger) {
        QJsonObject row{
            {"id", l.id},
            {"key", l.key},
            {"origin", clusterOrNull(l.origin)},
            {"fromAcct", l.fromAcct},
            {"toAcct", l.toAcct},
            {"amount", l.amount},
            {"atUs", l.atUs},
        };
        if (!l.scope.isEmpty())
            row.insert("scope", l.scope);
        ledgerRows.append(row);
    }
    return QJsonObject{{"idempotencyKeys", keyRows}, {"ledger", ledgerRows}};
}

QJsonObject TimelineExporter::toJson(const RunResult &run, const ExportRange &range)
{
    const qint64 toUs = range.clampedTo(run);
    QJsonArray events;
    for (const Event &e : run.events) {
        if (range.contains(e.t))
            events.append(eventJson(run, e));
    }
    QJsonArray attempts;
    for (const Attempt &a : run.attempts)
        attempts.append(attemptJson(run, a));

    const Settings &settings = run.scenario.settings;
    return QJsonObject{
        {"schema", schema},
        {"generator", generator},
        {"scenario", ScenarioLoader::toJson(run.scenario)},
        {"settings", settings.toJson()},
        {"seed", double(settings.seed)},
        {"range", QJsonObject{{"fromUs", range.fromUs}, {"toUs", toUs}}},
        {"endUs", run.endUs},
        {"nodes", nodesJson(run)},
        {"events", events},
        {"attempts", attempts},
        {"databases", QJsonObject{{"A", databaseJson(run.keys[0], run.ledger[0])},
                                  {"B", databaseJson(run.keys[1], run.ledger[1])}}},
        {"verdict", run.verdict.toJson()},
    };
}

QByteArray TimelineExporter::render(const RunResult &run, const ExportRange &range)
{
    return QJsonDocument(toJson(run, range)).toJson(QJsonDocument::Indented);
}

} // namespace idem
