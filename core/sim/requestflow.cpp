#include "sim/requestflow.h"

#include "sim/verdict.h"

namespace idem {

namespace {

using L1 = QLatin1String;

QString postLabel(const QString &key)
{
    return key.isEmpty() ? QStringLiteral("POST (no key)") : QString(L1("POST ") % key);
}

QString shortLabel(const QString &raw)
{
    if (raw.isEmpty())
        return QStringLiteral("(empty key)");
    if (raw.size() <= 12)
        return raw;
    return raw.left(10) + QStringLiteral("…");
}

} // namespace

RequestFlow::RequestFlow(const Scenario &scenario, QVector<Node> nodes)
    : m_scenario(scenario), m_settings(scenario.settings), m_kernel(scenario.settings.seed),
      m_nodes(std::move(nodes)), m_topology(Topology::of(m_nodes)), m_drops(scenario.drops),
      m_rt(m_settings, m_kernel, m_nodes, m_topology), m_handler(m_rt)
{}

void RequestFlow::start()
{
    // Keys first: one UUID per label, in order of first use.
    m_rawKeys.resize(m_scenario.requests.size());
    QHash<QString, QString> byLabel;
    for (int i = 0; i < m_scenario.requests.size(); ++i) {
        const RequestSpec &spec = m_scenario.requests[i];
        if (spec.rawKey) {
            m_rawKeys[i] = *spec.rawKey;
            m_rt.setLabel(*spec.rawKey, spec.key.value_or(shortLabel(*spec.rawKey)));
        } else if (spec.key) {
            auto it = byLabel.find(*spec.key);
            if (it == byLabel.end()) {
                it = byLabel.insert(*spec.key, uuidFrom(m_kernel.prng()));
                m_rt.setLabel(*it, *spec.key);
            }
            m_rawKeys[i] = *it;
        }
    }
    m_rt.reserveEvents(m_scenario.requests.size() * 25);
    for (int i = 0; i < m_scenario.requests.size(); ++i)
        m_kernel.at(m_scenario.requests[i].atUs, [this, i] { sendAttempt(i, 1); });
}

RunResult RequestFlow::finish()
{
    m_kernel.run();
    RunResult r;
    r.scenario = m_scenario;
    r.nodes = m_nodes;
    r.attempts = m_attempts;
    for (int c = 0; c < 2; ++c) {
        m_rt.traceReadBack(c);
        r.keys[c] = m_rt.database(c).keyRows();
        for (KeyRow &row : r.keys[c])
            row.key = m_rt.labelOf(row.rawKey);
        r.ledger[c] = m_rt.database(c).ledgerRows();
        for (LedgerRow &row : r.ledger[c])
            row.key = m_rt.labelOf(row.key);
    }
    r.events = m_rt.takeEvents();
    r.endUs = r.events.isEmpty() ? 0 : r.events.last().t;
    r.verdict = computeVerdict(r, m_rt.replicationConflicts());
    return r;
}

NetworkMessage RequestFlow::message(int attempt, int from, int to, qint64 latencyUs) const
{
    NetworkMessage m;
    m.from = from;
    m.to = to;
    m.latencyUs = latencyUs;
    m.request = attempt;
    m.key = m_attempts[attempt].key;
    return m;
}

bool RequestFlow::dropped(int attempt, DropPoint point) const
{
    const Attempt &a = m_attempts[attempt];
    return m_drops.drops(a.request, a.attempt, point);
}

void RequestFlow::sendAttempt(int requestIndex, int number)
{
    const RequestSpec &spec = m_scenario.requests[requestIndex];
    Attempt a;
    a.request = spec.id;
    a.attempt = number;
    a.client = spec.client;
    a.clientNode = m_topology.clients[spec.client];
    a.rawKey = m_rawKeys[requestIndex];
    a.key = spec.key || spec.rawKey ? m_rt.labelOf(a.rawKey) : QString();
    a.sentUs = m_kernel.now();
    a.body = spec.body;
    const int index = m_attempts.size();
    m_attempts.append(a);
    m_requestOf.append(requestIndex);

    const QString keyText =
        a.key.isEmpty() ? QStringLiteral("no key") : QString(L1("key ") % a.key);
    const QString what =
        number == 1 ? QStringLiteral("sends") : QStringLiteral("retries (attempt %1)").arg(number);
    NetworkMessage m = message(index, a.clientNode, m_topology.router, m_settings.delayUs);
    m.label = postLabel(a.key);
    m.caption = name(a.clientNode) % QLatin1Char(' ') % what % L1(" POST /payments ") % spec.id %
                L1(", ") % QString::number(spec.body.amount) % QLatin1Char(' ') % spec.body.from %
                QStringLiteral("→") % spec.body.to % L1(" (") % keyText % QLatin1Char(')');
    m.drop = dropped(index, DropPoint::Request);
    m_rt.send(m, [this, index] { routeRequest(index); });
    m_kernel.after(m_settings.timeoutUs, [this, index] { timeout(index); });
}

void RequestFlow::routeRequest(int index)
{
    Attempt &a = m_attempts[index];
    const RequestSpec &spec = m_scenario.requests[m_requestOf[index]];
    const int cluster = spec.cluster >= 0 ? spec.cluster : m_scenario.clients[spec.client].region;
    const QVector<int> &servers = m_topology.servers[size_t(cluster)];
    int server = spec.server;
    if (server < 0 || server >= servers.size())
        server = m_roundRobin[size_t(cluster)]++ % servers.size();
    a.cluster = cluster;
    a.serverNode = servers[server];
    // The router forwards the moment a message arrives: its `send` tells both.
    const QString why = spec.cluster >= 0
                            ? QStringLiteral("as the request asks")
                            : QString(L1("by ") % name(a.clientNode) % L1("'s region"));
    NetworkMessage m = message(index, m_topology.router, a.serverNode, m_settings.routerUs);
    m.label = postLabel(a.key);
    m.caption = L1("Router forwards ") % m.label % L1(" from ") % name(a.clientNode) % L1(" to ") %
                name(a.serverNode) % L1(" (cluster ") % clusterName(cluster) % L1(", ") % why %
                QLatin1Char(')');
    m_rt.send(m, [this, index] { serve(index); });
}

void RequestFlow::serve(int index)
{
    const Attempt &a = m_attempts[index];
    // No `deliver` of its own: the handler's first step (validate) marks the arrival.
    const RequestSpec &spec = m_scenario.requests[m_requestOf[index]];
    HandlerContext ctx;
    ctx.request = index;
    ctx.cluster = a.cluster;
    ctx.server = a.serverNode;
    ctx.key = a.rawKey;
    ctx.label = a.key;
    PaymentRequest req;
    req.hasKey = spec.key.has_value() || spec.rawKey.has_value();
    req.key = a.rawKey;
    req.body = spec.body;
    m_handler.handle(ctx, req,
                     [this, index](const HttpResponse &resp) { respond(index, resp.status); });
}

void RequestFlow::respond(int index, int status)
{
    const Attempt &a = m_attempts[index];
    NetworkMessage m = message(index, a.serverNode, m_topology.router, m_settings.routerUs);
    m.status = status;
    m.label = a.key.isEmpty() ? QString::number(status)
                              : QString(QString::number(status) % QLatin1Char(' ') % a.key);
    m.caption = name(a.serverNode) % L1(" sends ") % QString::number(status) % QLatin1Char(' ') %
                ClaimHandler::reason(status) % L1(" back to the router");
    m_rt.send(m, [this, index, status, label = m.label] {
        const Attempt &at = m_attempts[index];
        NetworkMessage back = message(index, m_topology.router, at.clientNode, m_settings.delayUs);
        back.status = status;
        back.label = label;
        back.caption = L1("Router forwards ") % label % L1(" from ") % name(at.serverNode) %
                       L1(" to ") % name(at.clientNode);
        back.drop = dropped(index, DropPoint::Response);
        m_rt.send(back, [this, index, status, label] { receive(index, status, label); });
    });
}

void RequestFlow::receive(int index, int status, const QString &label)
{
    Attempt &a = m_attempts[index];
    const bool late = a.outcome == AttemptOutcome::TimedOut;
    Event &e = m_rt.log(EventType::Receive, m_topology.router, a.clientNode, index, a.key,
                        late ? QStringLiteral("%1 gets %2 for %3 too late: it has given up on "
                                              "attempt %4")
                                   .arg(name(a.clientNode), label, a.request)
                                   .arg(a.attempt)
                             : QString(name(a.clientNode) % L1(" receives ") %
                                       QString::number(status) % QLatin1Char(' ') %
                                       ClaimHandler::reason(status) % L1(" for ") % a.request));
    e.status = status;
    e.label = label;
    if (late)
        return;
    a.outcome = AttemptOutcome::Answered;
    a.status = status;
    a.receivedUs = m_kernel.now();
}

void RequestFlow::timeout(int index)
{
    Attempt &a = m_attempts[index];
    if (a.outcome != AttemptOutcome::Pending)
        return;
    a.outcome = AttemptOutcome::TimedOut;
    const int requestIndex = m_requestOf[index];
    const bool retry = a.attempt <= m_settings.retries;
    m_rt.log(EventType::Timeout, a.clientNode, -1, index, a.key,
             QStringLiteral("%1 times out on %2 attempt %3 after %4 ms%5")
                 .arg(name(a.clientNode), a.request)
                 .arg(a.attempt)
                 .arg(double(m_settings.timeoutUs) / 1000.0)
                 .arg(retry ? QStringLiteral(" — retrying with the same key")
                            : QStringLiteral(" — no retries left")));
    if (retry) {
        const int next = a.attempt + 1;
        m_kernel.after(m_settings.backoffUs,
                       [this, requestIndex, next] { sendAttempt(requestIndex, next); });
    }
}

} // namespace idem
