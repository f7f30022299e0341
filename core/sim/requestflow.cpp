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
      m_faults(scenario.faults), m_rt(m_settings, m_kernel, m_nodes, m_topology, m_faults),
      m_handler(m_rt)
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
    m_rt.scheduleFaultWindows();
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
    if (m_faults.duplicates(a.request, a.attempt, FaultMessage::Request)) {
        // The network delivers a second copy: the router forwards it like any request.
        NetworkMessage copy = m;
        copy.drop = false;
        copy.caption = QStringLiteral("The network duplicates %1's POST %2 (attempt %3): a "
                                      "second copy travels to the router")
                           .arg(name(a.clientNode), spec.id)
                           .arg(number);
        m_rt.send(copy, [this, index] { routeRequest(index); });
    }
    m_kernel.after(m_settings.timeoutUs, [this, index] { timeout(index); });
}

void RequestFlow::routeRequest(int index)
{
    Attempt &a = m_attempts[index];
    const RequestSpec &spec = m_scenario.requests[m_requestOf[index]];
    const int cluster = spec.cluster >= 0 ? spec.cluster : m_scenario.clients[spec.client].region;
    const QVector<int> &servers = m_topology.servers[size_t(cluster)];
    const int server = pickServer(index, cluster);
    a.cluster = cluster;
    if (server < 0) {
        // Every server of the cluster is down: the router answers for them.
        NetworkMessage m = message(index, m_topology.router, a.clientNode, m_settings.delayUs);
        m.status = 503;
        m.label = a.key.isEmpty() ? QStringLiteral("503") : QStringLiteral("503 ") + a.key;
        m.caption = QStringLiteral("Router: every server of cluster %1 is down — answers %2 "
                                   "with 503 Service Unavailable")
                        .arg(clusterName(cluster), name(a.clientNode));
        m.drop = dropped(index, DropPoint::Response);
        m_rt.send(m, [this, index, label = m.label] { receive(index, 503, label, 0); });
        return;
    }
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

int RequestFlow::pickServer(int index, int cluster)
{
    const RequestSpec &spec = m_scenario.requests[m_requestOf[index]];
    const QVector<int> &servers = m_topology.servers[size_t(cluster)];
    const int n = int(servers.size());
    int first = spec.server;
    const bool asked = first >= 0 && first < n;
    if (!asked)
        first = m_roundRobin[size_t(cluster)]++ % n;
    for (int i = 0; i < n; ++i) {
        const int candidate = (first + i) % n;
        if (!m_rt.isDown(servers[candidate]))
            return candidate;
    }
    return -1;
}

void RequestFlow::serve(int index)
{
    const Attempt &a = m_attempts[index];
    if (m_rt.isDown(a.serverNode)) {
        // It went down while the request was on its way: nobody reads it.
        Event &e = m_rt.log(EventType::Fault, a.serverNode, -1, index, a.key,
                            QStringLiteral("%1 is down: %2's request %3 arrives at nobody — no "
                                           "answer will come")
                                .arg(name(a.serverNode), name(a.clientNode), a.request));
        e.label = QStringLiteral("LOST");
        e.lost = true;
        return;
    }
    // No `deliver` of its own: the handler's first step (validate) marks the arrival.
    const RequestSpec &spec = m_scenario.requests[m_requestOf[index]];
    HandlerContext ctx;
    ctx.request = index;
    ctx.cluster = a.cluster;
    ctx.server = a.serverNode;
    ctx.key = a.rawKey;
    ctx.label = a.key;
    ctx.serverName = name(a.serverNode);
    ctx.client = m_scenario.clients.value(a.client).name;
    ctx.incarnation = m_rt.incarnation(a.serverNode);
    ctx.requestId = a.request;
    ctx.attempt = a.attempt;
    PaymentRequest req;
    req.hasKey = spec.key.has_value() || spec.rawKey.has_value();
    req.key = a.rawKey;
    req.body = spec.body;
    m_handler.handle(ctx, req, [this, index](const HttpResponse &resp) { respond(index, resp); });
}

void RequestFlow::respond(int index, const HttpResponse &response)
{
    const Attempt &a = m_attempts[index];
    const int status = response.status;
    qint64 retryAfterUs = 0;
    for (const auto &[header, value] : response.headers)
        if (header == "Retry-After")
            retryAfterUs = value.toLongLong() * 1'000'000;
    NetworkMessage m = message(index, a.serverNode, m_topology.router, m_settings.routerUs);
    m.status = status;
    m.label = a.key.isEmpty() ? QString::number(status)
                              : QString(QString::number(status) % QLatin1Char(' ') % a.key);
    m.caption = name(a.serverNode) % L1(" sends ") % QString::number(status) % QLatin1Char(' ') %
                ClaimHandler::reason(status) % L1(" back to the router");
    m_rt.send(m, [this, index, status, label = m.label, retryAfterUs] {
        const Attempt &at = m_attempts[index];
        NetworkMessage back = message(index, m_topology.router, at.clientNode, m_settings.delayUs);
        back.status = status;
        back.label = label;
        back.caption = L1("Router forwards ") % label % L1(" from ") % name(at.serverNode) %
                       L1(" to ") % name(at.clientNode);
        back.drop = dropped(index, DropPoint::Response);
        m_rt.send(back, [this, index, status, label, retryAfterUs] {
            receive(index, status, label, retryAfterUs);
        });
        if (m_faults.duplicates(at.request, at.attempt, FaultMessage::Response)) {
            NetworkMessage copy = back;
            copy.drop = false;
            copy.caption = QStringLiteral("The network duplicates the answer %1 to %2: a second "
                                          "copy travels")
                               .arg(label, name(at.clientNode));
            m_rt.send(copy, [this, index, status, label, retryAfterUs] {
                receive(index, status, label, retryAfterUs);
            });
        }
    });
}

void RequestFlow::receive(int index, int status, const QString &label, qint64 retryAfterUs)
{
    Attempt &a = m_attempts[index];
    if (a.outcome == AttemptOutcome::Answered) {
        // A duplicated message: the client has its answer already.
        Event &e = m_rt.log(EventType::Receive, m_topology.router, a.clientNode, index, a.key,
                            QStringLiteral("%1 gets %2 for %3 again (a duplicate) and ignores it")
                                .arg(name(a.clientNode), label, a.request));
        e.status = status;
        e.label = label;
        return;
    }
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
    const bool retryable = status == 409 || status >= 500;
    if (m_settings.retryErrors && retryable) {
        // The backoff if the client has one, else the server's Retry-After.
        retry(index, m_settings.backoffUs > 0 ? m_settings.backoffUs : retryAfterUs);
    }
}

void RequestFlow::retry(int index, qint64 pauseUs)
{
    const Attempt &a = m_attempts[index];
    if (a.attempt > m_settings.retries)
        return;
    const int requestIndex = m_requestOf[index];
    const int next = a.attempt + 1;
    m_kernel.after(pauseUs, [this, requestIndex, next] { sendAttempt(requestIndex, next); });
}

void RequestFlow::timeout(int index)
{
    Attempt &a = m_attempts[index];
    if (a.outcome != AttemptOutcome::Pending)
        return;
    a.outcome = AttemptOutcome::TimedOut;
    const bool retries = a.attempt <= m_settings.retries;
    m_rt.log(EventType::Timeout, a.clientNode, -1, index, a.key,
             QStringLiteral("%1 times out on %2 attempt %3 after %4 ms%5")
                 .arg(name(a.clientNode), a.request)
                 .arg(a.attempt)
                 .arg(double(m_settings.timeoutUs) / 1000.0)
                 .arg(retries ? QStringLiteral(" — retrying with the same key")
                              : QStringLiteral(" — no retries left")));
    if (retries)
        retry(index, m_settings.backoffUs);
}

} // namespace idem
