#include "faultinjection.h"

#include "replicationfaultchoices.h"

#include "faults/faultplan.h"
#include "storage/dbcommand.h"
#include "timeline/durationtext.h"

#include <algorithm>

namespace idem {

namespace {

constexpr qint64 msUs = 1000;
const QString created = QStringLiteral("CREATED");
const QString consumed = QStringLiteral("CONSUMED");
const QString crashLabel = QStringLiteral("CRASH");
const QString restartLabel = QStringLiteral("RESTART");

/// How long the cache and the link can be taken down from the menu.
constexpr qint64 cacheOutagesUs[] = {1'000'000, 5'000'000, 30'000'000};
constexpr qint64 partitionsUs[] = {5'000'000, 30'000'000, 120'000'000};

} // namespace

FaultInjection::FaultInjection(const Scenario &scenario, const RunResult &run, qint64 playheadUs)
    : m_scenario(scenario), m_run(run), m_playheadUs(std::max<qint64>(0, playheadUs)),
      m_atUs(m_playheadUs / msUs * msUs)
{}

QString FaultInjection::moment(qint64 us)
{
    return durationText(us);
}

QString FaultInjection::span(qint64 us)
{
    return durationText(us, DurationUnit::Brief);
}

QVector<FaultChoice> FaultInjection::choices(const QString &target) const
{
    if (target == linkTarget)
        return linkChoices();
    const int node = m_run.nodeIndex(target);
    if (node < 0)
        return {};
    if (m_run.nodes[node].kind == NodeKind::Server)
        return serverChoices(node);
    if (m_run.nodes[node].kind == NodeKind::Cache)
        return cacheChoices();
    return {};
}

FaultChoice FaultInjection::choice(const QString &id) const
{
    FaultChoice c;
    c.id = id;
    c.faults = m_scenario.faults;
    c.drops = m_scenario.drops;
    return c;
}

QString FaultInjection::requestText(int attempt) const
{
    const Attempt &a = m_run.attempts[attempt];
    const QString client = m_scenario.clients.value(a.client).name;
    const QString key = a.key.isEmpty() ? tr("no key") : a.key;
    return a.attempt > 1
               ? tr("%1 retry %2 (%3) from %4").arg(a.request).arg(a.attempt - 1).arg(key, client)
               : tr("%1 (%2) from %3").arg(a.request, key, client);
}

// ----------------------------------------------------------------------------- servers

QVector<FaultChoice> FaultInjection::serverChoices(int server) const
{
    QVector<FaultChoice> list;
    if (const Event *crash = downSince(server))
        list.append(restart(*crash));
    else
        list.append(crashNow(server));
    list.append(crashAfterNextStep(server));
    list.append(nextRequest(server, FaultMessageFate::Lost));
    list.append(nextRequest(server, FaultMessageFate::Doubled));
    return list;
}

FaultChoice FaultInjection::crashNow(int server) const
{
    const Node &node = m_run.nodes[server];
    FaultChoice c = choice(QStringLiteral("crash-now"));
    c.text =
        tr("Crash %1 now, down %2: its work in progress dies").arg(node.name, span(crashDownUs));
    FaultSpec f;
    f.kind = FaultKind::Crash;
    f.server = node.id;
    f.atUs = m_atUs;
    f.downUs = crashDownUs;
    c.faults.append(f);
    c.done = tr("Injected: %1 crashes at %2 (down %3)")
                 .arg(node.name, moment(m_atUs), span(crashDownUs));
    c.what = tr("the crash of %1 at %2").arg(node.name, moment(m_atUs));
    c.crashNode = server;
    c.crashUs = m_atUs;
    return c;
}

std::optional<ServerStep> FaultInjection::nextStep(int server) const
{
    const QString claims[] = {dbStatementText(DbOp::Claim), dbStatementText(DbOp::Overwrite),
                              dbStatementText(DbOp::TakeOver)};
    const QString charge = dbStatementText(DbOp::Charge);
    const QString consume = dbStatementText(DbOp::Consume);
    const QString atomic = dbStatementText(DbOp::ChargeAndConsume);
    const QString &serverId = m_run.nodes[server].id;
    const FaultPlan plan(m_scenario.faults);
    std::optional<ServerStep> next;
    const QVector<Event> &events = m_run.events;
    for (int i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        if (e.from != server || e.request < 0 || e.request >= m_run.attempts.size())
            continue;
        // When the server is past each step (ClaimHandler asks survives() there): a DB write
        // when its result is back, a step inside the atomic transaction at the DB, an answer
        // as it leaves.
        std::optional<ServerStep> s;
        if (e.type == EventType::DbWrite) {
            if (e.state == created &&
                std::find(std::begin(claims), std::end(claims), e.detail) != std::end(claims))
                s = ServerStep{FaultStep::Claim, e.request, e.endUs};
            else if (e.detail == charge && !e.state.isEmpty())
                s = ServerStep{FaultStep::Charge, e.request, e.endUs};
            else if (e.detail == atomic && !e.state.isEmpty() && e.state != consumed)
                s = ServerStep{FaultStep::Charge, e.request, e.t};
            else if ((e.detail == consume || e.detail == atomic) && e.state == consumed)
                s = ServerStep{FaultStep::Consume, e.request, e.endUs};
        } else if (e.type == EventType::Respond) {
            s = ServerStep{FaultStep::Respond, e.request, e.t};
        }
        if (!s || s->atUs < m_playheadUs || (next && next->atUs <= s->atUs))
            continue;
        if (s->step == FaultStep::Consume && e.detail == consume) {
            // A stored error is not a step a crash follows: only a success's CONSUMED is.
            const auto answer =
                std::find_if(events.cbegin() + i, events.cend(), [&](const Event &r) {
                    return r.type == EventType::Respond && r.request == e.request;
                });
            if (answer != events.cend() && answer->status >= 400)
                continue;
        }
        const Attempt &a = m_run.attempts[s->attempt];
        if (plan.crash(serverId, a.request, a.attempt, s->step))
            continue; // that crash is in the scenario already
        next = s;
    }
    return next;
}

FaultChoice FaultInjection::crashAfterNextStep(int server) const
{
    const Node &node = m_run.nodes[server];
    FaultChoice c = choice(QStringLiteral("crash-next"));
    const auto next = nextStep(server);
    if (!next) {
        c.text = tr("Crash %1 after its next step").arg(node.name);
        c.refusal = tr("%1 claims, charges, consumes or answers nothing more after %2")
                        .arg(node.name, moment(m_playheadUs));
        return c;
    }
    const Attempt &a = m_run.attempts[next->attempt];
    const QString key = a.key.isEmpty() ? tr("the request") : a.key;
    QString step;
    switch (next->step) {
    case FaultStep::Claim:
        step = tr("claiming %1").arg(key);
        break;
    case FaultStep::Charge:
        step = tr("charging %1").arg(key);
        break;
    case FaultStep::Consume:
        step = tr("marking %1 CONSUMED").arg(key);
        break;
    case FaultStep::Respond:
        step = tr("answering %1").arg(key);
        break;
    }
    c.text = tr("Crash %1 right after %2 for %3 (at %4)")
                 .arg(node.name, step, a.attempt > 1 ? tr("%1's retry").arg(a.request) : a.request,
                      moment(next->atUs));
    FaultSpec f;
    f.kind = FaultKind::Crash;
    f.server = node.id;
    f.step = next->step;
    f.request = a.request;
    f.attempt = a.attempt;
    f.downUs = crashDownUs;
    c.faults.append(f);
    c.done = tr("Injected: %1 crashes after %2 (%3)").arg(node.name, step, moment(next->atUs));
    c.what = tr("the crash of %1 after %2").arg(node.name, step);
    c.crashNode = server;
    c.crashUs = next->atUs;
    return c;
}

const Event *FaultInjection::downSince(int server) const
{
    // The server's last crash at or before the playhead, unless it is back up since.
    const Event *crash = nullptr;
    for (const Event &e : m_run.events) {
        if (e.t > m_playheadUs)
            break;
        if (e.type == EventType::Fault && e.from == server && e.label == crashLabel)
            crash = &e;
        else if (e.type == EventType::Fault && e.from == server && e.label == restartLabel)
            crash = nullptr;
    }
    return crash;
}

int FaultInjection::faultOf(const Event &crash) const
{
    const QString &id = m_run.nodes[crash.from].id;
    int found = -1;
    for (int i = 0; i < m_scenario.faults.size(); ++i) {
        const FaultSpec &f = m_scenario.faults[i];
        if (f.kind != FaultKind::Crash || f.server != id)
            continue;
        if (crash.request < 0) {
            if (f.atUs == crash.t)
                return i;
            continue;
        }
        const Attempt &a = m_run.attempts.value(crash.request);
        // Of several steps of one attempt, the first one crashed it: its work died there.
        if (f.atUs < 0 && f.request == a.request && f.attempt == a.attempt &&
            (found < 0 || f.step < m_scenario.faults[found].step))
            found = i;
    }
    return found;
}

FaultChoice FaultInjection::restart(const Event &crash) const
{
    const Node &node = m_run.nodes[crash.from];
    FaultChoice c = choice(QStringLiteral("restart"));
    c.text = tr("Restart %1 now (down since %2)").arg(node.name, moment(crash.t));
    const int index = faultOf(crash);
    if (index < 0) {
        c.refusal = tr("the crash that took it down is not in the scenario");
        return c;
    }
    // Whole milliseconds, so the scenario file holds it; it is back at or before the playhead.
    const qint64 downUs = std::max(msUs, (m_atUs - crash.t) / msUs * msUs);
    c.faults[index].downUs = downUs;
    c.done = tr("%1 restarts at %2 (down %3, not %4)")
                 .arg(node.name, moment(crash.t + downUs), span(downUs),
                      span(m_scenario.faults[index].downUs));
    c.what = tr("the restart of %1 at %2").arg(node.name, moment(crash.t + downUs));
    return c;
}

int FaultInjection::nextIncoming(int server) const
{
    int next = -1;
    for (int i = 0; i < m_run.attempts.size(); ++i) {
        const Attempt &a = m_run.attempts[i];
        if (a.serverNode == server && a.sentUs >= m_playheadUs &&
            (next < 0 || a.sentUs < m_run.attempts[next].sentUs))
            next = i;
    }
    return next;
}

FaultChoice FaultInjection::nextRequest(int server, FaultMessageFate fate) const
{
    const Node &node = m_run.nodes[server];
    const bool drop = fate == FaultMessageFate::Lost;
    FaultChoice c = choice(drop ? QStringLiteral("drop-next") : QStringLiteral("duplicate-next"));
    c.text = drop ? tr("Lose the next request to %1").arg(node.name)
                  : tr("Deliver the next request to %1 twice").arg(node.name);
    const int next = nextIncoming(server);
    if (next < 0) {
        c.refusal = tr("no request is sent to %1 after %2").arg(node.name, moment(m_playheadUs));
        return c;
    }
    const Attempt &a = m_run.attempts[next];
    const QString request = requestText(next);
    if (drop) {
        c.text = tr("Lose the next request to %1 in the network: %2, sent at %3")
                     .arg(node.name, request, moment(a.sentUs));
        c.drops.append({a.request, a.attempt, DropPoint::Request});
        c.done = tr("Injected: the network loses %1").arg(request);
        c.what = tr("the drop of %1").arg(request);
        return c;
    }
    if (FaultPlan(m_scenario.faults).duplicates(a.request, a.attempt, FaultMessage::Request)) {
        c.refusal = tr("%1 is duplicated already").arg(request);
        return c;
    }
    c.text = tr("Deliver the next request to %1 twice: %2, sent at %3")
                 .arg(node.name, request, moment(a.sentUs));
    FaultSpec f;
    f.kind = FaultKind::Duplicate;
    f.request = a.request;
    f.attempt = a.attempt;
    f.message = FaultMessage::Request;
    c.faults.append(f);
    c.done = tr("Injected: %1 arrives twice").arg(request);
    c.what = tr("the duplicate of %1").arg(request);
    return c;
}

// ----------------------------------------------------------------------------- cache, link

bool FaultInjection::windowOpen(FaultKind kind) const
{
    return std::any_of(
        m_scenario.faults.cbegin(), m_scenario.faults.cend(), [&](const FaultSpec &f) {
            return f.kind == kind && FaultWindow{f.fromUs, f.untilUs}.covers(m_playheadUs);
        });
}

FaultChoice FaultInjection::windowFrom(FaultKind kind, qint64 forUs) const
{
    const bool cache = kind == FaultKind::CacheDown;
    FaultChoice c =
        choice((cache ? QStringLiteral("cache-down-%1") : QStringLiteral("partition-%1"))
                   .arg(forUs / msUs));
    c.text = cache ? tr("Take the shared cache down for %1 (until %2): servers asking it get "
                        "no answer")
                         .arg(span(forUs), moment(m_atUs + forUs))
                   : tr("Cut the replication link for %1 (until %2): rows queue until the heal")
                         .arg(span(forUs), moment(m_atUs + forUs));
    if (cache && !m_scenario.settings.cache)
        c.refusal = tr("the shared cache is off, so no server would notice: switch it on first");
    if (!cache && !m_scenario.settings.replication)
        c.refusal = tr("replication is off, so there is no link to cut: switch it on first");
    FaultSpec f;
    f.kind = kind;
    f.fromUs = m_atUs;
    f.untilUs = m_atUs + forUs;
    c.faults.append(f);
    c.done =
        cache ? tr("Injected: the shared cache is down %1–%2")
                    .arg(moment(f.fromUs), moment(f.untilUs))
              : tr("Injected: replication is cut %1–%2").arg(moment(f.fromUs), moment(f.untilUs));
    c.what = cache ? tr("the cache outage from %1").arg(moment(f.fromUs))
                   : tr("the partition from %1").arg(moment(f.fromUs));
    return c;
}

FaultChoice FaultInjection::windowEnd(FaultKind kind) const
{
    const bool cache = kind == FaultKind::CacheDown;
    FaultChoice c = choice(cache ? QStringLiteral("cache-up") : QStringLiteral("heal"));
    c.text = cache ? tr("Bring the shared cache back up now: its keys are as they were")
                   : tr("Heal the replication link now: the queued rows flow");
    c.faults.clear();
    for (FaultSpec f : m_scenario.faults) {
        if (f.kind == kind && FaultWindow{f.fromUs, f.untilUs}.covers(m_playheadUs)) {
            if (f.fromUs >= m_atUs)
                continue; // it would start and end at once: it goes
            f.untilUs = m_atUs;
        }
        c.faults.append(f);
    }
    c.done = cache ? tr("The shared cache is back up at %1").arg(moment(m_atUs))
                   : tr("The replication link heals at %1").arg(moment(m_atUs));
    c.what = cache ? tr("the cache's return at %1").arg(moment(m_atUs))
                   : tr("the heal at %1").arg(moment(m_atUs));
    return c;
}

QVector<FaultChoice> FaultInjection::cacheChoices() const
{
    if (windowOpen(FaultKind::CacheDown))
        return {windowEnd(FaultKind::CacheDown)};
    QVector<FaultChoice> list;
    for (qint64 forUs : cacheOutagesUs)
        list.append(windowFrom(FaultKind::CacheDown, forUs));
    if (!list.first().enabled())
        list.resize(1); // one line says why, not one per duration
    return list;
}

QVector<FaultChoice> FaultInjection::linkChoices() const
{
    QVector<FaultChoice> list;
    if (windowOpen(FaultKind::Partition)) {
        list.append(windowEnd(FaultKind::Partition));
    } else {
        for (qint64 forUs : partitionsUs)
            list.append(windowFrom(FaultKind::Partition, forUs));
        if (!list.first().enabled())
            list.resize(1); // one line says why, not one per duration
    }
    if (!m_scenario.settings.replication)
        return list; // the partition line says why nothing crosses the link
    const ReplicationFaultChoices replication(m_run, m_atUs, m_playheadUs);
    list.append(replication.nextMessage(choice(QStringLiteral("drop-replica-next")),
                                        ReplicationFaultChoices::Fate::Lost));
    list.append(replication.nextMessage(choice(QStringLiteral("duplicate-replica-next")),
                                        ReplicationFaultChoices::Fate::Doubled));
    return list;
}

} // namespace idem
