#include "scenario/scenariowriter.h"

#include "scenario/lessonreader.h"

#include <QJsonArray>

namespace idem {

namespace {

QString clusterName(int index)
{
    return index == 1 ? QStringLiteral("B") : QStringLiteral("A");
}

QJsonValue msValue(qint64 us)
{
    // Whole milliseconds print as integers, the rest keep their fraction (as Settings does).
    if (us % 1000 == 0)
        return us / 1000;
    return double(us) / 1000.0;
}

} // namespace

const QString &ScenarioWriter::schema()
{
    static const QString id = QStringLiteral("idemlab.scenario/1");
    return id;
}

QJsonObject ScenarioWriter::toJson(const Scenario &s)
{
    QJsonArray clients;
    for (const ClientSpec &c : s.clients)
        clients.append(QJsonObject{{"name", c.name}, {"region", clusterName(c.region)}});

    QJsonArray requests;
    for (const RequestSpec &r : s.requests) {
        QJsonObject o{
            {"id", r.id},
            {"client",
             r.client >= 0 && r.client < s.clients.size() ? s.clients[r.client].name : QString()},
            {"atMs", msValue(r.atUs)},
            {"key", r.key ? QJsonValue(*r.key) : QJsonValue(QJsonValue::Null)},
            {"body",
             QJsonObject{{"from", r.body.from}, {"to", r.body.to}, {"amount", r.body.amount}}},
        };
        if (r.rawKey)
            o.insert("rawKey", *r.rawKey);
        if (r.cluster >= 0)
            o.insert("cluster", clusterName(r.cluster));
        if (r.server >= 0)
            o.insert("server", r.server + 1);
        requests.append(o);
    }

    QJsonArray drops;
    for (const DropSpec &d : s.drops)
        drops.append(QJsonObject{
            {"request", d.request},
            {"attempt", d.attempt},
            {"message", d.point == DropPoint::Request ? "request" : "response"},
        });

    QJsonArray faults;
    for (const FaultSpec &f : s.faults) {
        QJsonObject o{{"kind", faultKindName(f.kind)}};
        switch (f.kind) {
        case FaultKind::Crash:
            o.insert("server", f.server);
            if (f.atUs >= 0) {
                o.insert("atMs", msValue(f.atUs));
            } else {
                o.insert("after", faultStepName(f.step));
                o.insert("request", f.request);
                o.insert("attempt", f.attempt);
            }
            o.insert("downMs", msValue(f.downUs));
            break;
        case FaultKind::CacheDown:
        case FaultKind::Partition:
            o.insert("fromMs", msValue(f.fromUs));
            o.insert("untilMs", msValue(f.untilUs));
            break;
        case FaultKind::Duplicate:
            o.insert("request", f.request);
            o.insert("attempt", f.attempt);
            o.insert("message", f.message == FaultMessage::Request ? "request" : "response");
            break;
        case FaultKind::Fail:
            o.insert("request", f.request);
            o.insert("attempt", f.attempt);
            o.insert("status", f.status);
            break;
        case FaultKind::DropReplica:
        case FaultKind::DuplicateReplica:
            o.insert("from", f.cluster == 0 ? "A" : "B");
            if (f.atUs >= 0)
                o.insert("atMs", msValue(f.atUs));
            else
                o.insert("nth", f.nth);
            break;
        }
        faults.append(o);
    }

    QJsonObject out{
        {"schema", schema()},
        {"name", s.name},
        {"title", s.title},
        {"description", s.description},
        {"settings", s.settings.toJson()},
        {"clients", clients},
        {"requests", requests},
        {"drops", drops},
    };
    // Only a scenario with faults names them: older files and their timelines stay as they were.
    if (!faults.isEmpty())
        out.insert("faults", faults);
    if (!s.lesson.isEmpty())
        out.insert("lesson", LessonReader::toJson(s.lesson));
    return out;
}

} // namespace idem
