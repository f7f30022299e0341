#include "scenarioentries.h"

#include "scenariorequestmodel.h"

#include "faults/faultreader.h"
#include "model/node.h"
#include "timeline/durationtext.h"

#include <QVariantMap>

namespace idem {

namespace {

/// "server-a1" → "Server A1".
QString serverText(const QString &id)
{
    return QStringLiteral("Server ") + id.mid(id.indexOf(QLatin1Char('-')) + 1).toUpper();
}

QString attemptText(const QString &request, int attempt)
{
    return attempt > 1 ? ScenarioEntries::tr("%1's retry %2").arg(request).arg(attempt - 1)
                       : request;
}

QVariantMap field(const QString &name, const QString &label, const QString &value,
                  const QStringList &choices = {})
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("label"), label},
            {QStringLiteral("value"), value},
            {QStringLiteral("choices"), choices}};
}

QString ms(qint64 us)
{
    return ScenarioRequestModel::msText(us);
}

QStringList requestIds(const Scenario &s)
{
    QStringList ids;
    for (const RequestSpec &r : s.requests)
        ids << r.id;
    return ids;
}

QStringList serverIds(const Scenario &s)
{
    QStringList ids;
    for (int c = 0; c < 2; ++c)
        for (int i = 1; i <= s.settings.serversPerCluster; ++i)
            ids << QStringLiteral("server-%1%2").arg(clusterName(c).toLower()).arg(i);
    return ids;
}

/// The request and attempt a drop or fault is about.
void appendAttempt(QVariantList &fields, const QString &request, int attempt, const Scenario &s)
{
    using E = ScenarioEntries;
    fields << field(QStringLiteral("request"), E::tr("of"), request, requestIds(s))
           << field(QStringLiteral("attempt"), E::tr("attempt"), QString::number(attempt));
}

const QStringList messages = {QStringLiteral("request"), QStringLiteral("response")};

} // namespace

QString ScenarioEntries::dropText(const DropSpec &d)
{
    const QString who = attemptText(d.request, d.attempt);
    return d.point == DropPoint::Response ? tr("%1's response").arg(who)
                                          : tr("%1's request").arg(who);
}

QString ScenarioEntries::faultText(const FaultSpec &f)
{
    switch (f.kind) {
    case FaultKind::Crash:
        return (f.atUs >= 0 ? tr("%1 crashes at %2").arg(serverText(f.server), durationText(f.atUs))
                            : tr("%1 crashes after the %2 of %3")
                                  .arg(serverText(f.server), faultStepName(f.step),
                                       attemptText(f.request, f.attempt))) +
               tr(", down %1").arg(durationText(f.downUs));
    case FaultKind::CacheDown:
        return tr("The cache is down from %1 to %2")
            .arg(durationText(f.fromUs), durationText(f.untilUs));
    case FaultKind::Partition:
        return tr("The replication link is cut from %1 to %2")
            .arg(durationText(f.fromUs), durationText(f.untilUs));
    case FaultKind::Duplicate:
        return (f.message == FaultMessage::Request ? tr("%1's request arrives twice")
                                                   : tr("%1's response arrives twice"))
            .arg(attemptText(f.request, f.attempt));
    case FaultKind::Fail:
        return tr("%1's charge fails with %2").arg(attemptText(f.request, f.attempt)).arg(f.status);
    case FaultKind::DropReplica:
    case FaultKind::DuplicateReplica: {
        const QString which = f.atUs >= 0 ? tr("the first after %1").arg(durationText(f.atUs))
                                          : tr("number %1").arg(f.nth);
        return (f.kind == FaultKind::DropReplica
                    ? tr("Cluster %1's replication message (%2) is lost")
                    : tr("Cluster %1's replication message (%2) arrives twice"))
            .arg(clusterName(f.cluster), which);
    }
    }
    return faultKindName(f.kind);
}

QVariantList ScenarioEntries::dropFields(const DropSpec &d, const Scenario &s)
{
    QVariantList fields;
    fields << field(QStringLiteral("message"), tr("lose the"),
                    messages.at(d.point == DropPoint::Request ? 0 : 1), messages);
    appendAttempt(fields, d.request, d.attempt, s);
    return fields;
}

QVariantList ScenarioEntries::faultFields(const FaultSpec &f, const Scenario &s)
{
    QVariantList fields;
    const QStringList when = whenChoices(f.kind);
    switch (f.kind) {
    case FaultKind::Crash:
        fields << field(QStringLiteral("server"), tr("server"), f.server, serverIds(s))
               << field(QStringLiteral("when"), tr("dies"), when.at(f.atUs >= 0 ? 1 : 0), when);
        if (f.atUs >= 0) {
            fields << field(QStringLiteral("atMs"), tr("at ms"), ms(f.atUs));
        } else {
            fields << field(QStringLiteral("after"), tr("after the"), faultStepName(f.step),
                            FaultReader::crashSteps());
            appendAttempt(fields, f.request, f.attempt, s);
        }
        fields << field(QStringLiteral("downMs"), tr("down ms"), ms(f.downUs));
        break;
    case FaultKind::CacheDown:
    case FaultKind::Partition:
        fields << field(QStringLiteral("fromMs"), tr("from ms"), ms(f.fromUs))
               << field(QStringLiteral("untilMs"), tr("until ms"), ms(f.untilUs));
        break;
    case FaultKind::Duplicate:
        fields << field(QStringLiteral("message"), tr("twice: the"),
                        messages.at(f.message == FaultMessage::Request ? 0 : 1), messages);
        appendAttempt(fields, f.request, f.attempt, s);
        break;
    case FaultKind::Fail:
        appendAttempt(fields, f.request, f.attempt, s);
        fields << field(QStringLiteral("status"), tr("status"), QString::number(f.status));
        break;
    case FaultKind::DropReplica:
    case FaultKind::DuplicateReplica:
        fields << field(QStringLiteral("from"), tr("sent by cluster"), clusterName(f.cluster),
                        {QStringLiteral("A"), QStringLiteral("B")})
               << field(QStringLiteral("when"), tr("which"), when.at(f.atUs >= 0 ? 1 : 0), when);
        if (f.atUs >= 0)
            fields << field(QStringLiteral("atMs"), tr("first at or after ms"), ms(f.atUs));
        else
            fields << field(QStringLiteral("nth"), tr("number"), QString::number(f.nth));
        break;
    }
    return fields;
}

QStringList ScenarioEntries::kindChoices()
{
    return {tr("Crash a server"),
            tr("Cache outage"),
            tr("Replication partition"),
            tr("Duplicate a message"),
            tr("Failed charge"),
            tr("Lose a replication message"),
            tr("Duplicate a replication message")};
}

QStringList ScenarioEntries::whenChoices(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Crash:
        return {tr("after a step"), tr("at a time")};
    case FaultKind::DropReplica:
    case FaultKind::DuplicateReplica:
        return {tr("by number"), tr("at a time")};
    default:
        return {};
    }
}

std::optional<std::pair<QString, QString>>
ScenarioEntries::whenField(FaultKind kind, const QString &pick, qint64 playheadUs)
{
    const int at = whenChoices(kind).indexOf(pick);
    if (at == 1)
        return std::pair{QStringLiteral("atMs"), QString::number(playheadUs / 1000)};
    if (at == 0 && kind == FaultKind::Crash)
        return std::pair{QStringLiteral("after"), QStringLiteral("claim")};
    if (at == 0)
        return std::pair{QStringLiteral("nth"), QStringLiteral("1")};
    return std::nullopt;
}

} // namespace idem
