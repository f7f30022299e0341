#include "live/attachsession.h"

#include "live/liverecorder.h"

#include "sim/verdict.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>

namespace idem {

/// One process heard from (one session id), in its own times.
struct AttachSession::Source
{
    StreamHello hello;
    QVector<Event> events;
    QVector<Attempt> attempts;
    qint64 lastSeq = -1; ///< newest event taken: replays and a second port overlap
    std::array<std::optional<StreamRows>, 2> rows;
};

AttachSession::AttachSession(QObject *parent) : QObject(parent) {}

AttachSession::~AttachSession() = default;

bool AttachSession::attach(const QStringList &urls)
{
    m_error.clear();
    if (urls.isEmpty()) {
        m_error = QStringLiteral("no URL to attach to; expected http://HOST:PORT of a cluster");
        return false;
    }
    std::vector<std::pair<QString, QUrl>> streams;
    for (const QString &given : urls) {
        QString error;
        const std::optional<QUrl> stream = AttachLink::streamUrl(given, &error);
        if (!stream) {
            m_error = error;
            return false;
        }
        const bool twice = std::any_of(streams.begin(), streams.end(),
                                       [&](const auto &s) { return s.second == *stream; });
        if (!twice) // the same URL twice is one stream
            streams.emplace_back(given.trimmed(), *stream);
    }
    detach();
    m_links.clear();
    m_sources.clear();
    for (const auto &[given, stream] : streams) {
        auto link = std::make_unique<AttachLink>(given, stream);
        AttachLink *raw = link.get();
        connect(raw, &AttachLink::stateChanged, this, &AttachSession::linksChanged);
        connect(raw, &AttachLink::received, this,
                [this, raw](const StreamMessage &m) { receive(raw, m); });
        m_links.push_back(std::move(link));
    }
    for (const auto &link : m_links)
        link->open();
    emit linksChanged();
    emit recordChanged();
    return true;
}

void AttachSession::detach()
{
    for (const auto &link : m_links) {
        link->disconnect(this);
        link->close();
    }
    m_links.clear();
    emit linksChanged();
}

QVector<AttachSession::LinkInfo> AttachSession::links() const
{
    QVector<LinkInfo> out;
    for (const auto &link : m_links) {
        LinkInfo info{link->url(), link->state(), link->why(), {}, -1};
        if (link->hello()) {
            info.clusters = link->hello()->clusters;
            info.via = link->hello()->via;
        }
        out.append(info);
    }
    return out;
}

AttachSession::Source *AttachSession::sourceOf(AttachLink *link)
{
    if (!link->hello())
        return nullptr;
    for (const auto &s : m_sources)
        if (s->hello.session == link->hello()->session)
            return s.get();
    return nullptr;
}

void AttachSession::receive(AttachLink *link, const StreamMessage &m)
{
    if (m.kind == StreamMessage::Kind::Hello) {
        // Node indices are only comparable between processes with one node list.
        if (!m_sources.empty() && m.hello.nodes.size() == m_sources.front()->hello.nodes.size()) {
            for (qsizetype i = 0; i < m.hello.nodes.size(); ++i)
                if (m.hello.nodes[i].id != m_sources.front()->hello.nodes[i].id)
                    return link->refuse(
                        QStringLiteral("its nodes differ from the first process's (nodes[%1] "
                                       "is %2, expected %3): a different version of idemlab?")
                            .arg(i)
                            .arg(m.hello.nodes[i].id, m_sources.front()->hello.nodes[i].id));
        } else if (!m_sources.empty()) {
            return link->refuse(QStringLiteral("it has %1 nodes, the first process %2: a "
                                               "different version of idemlab?")
                                    .arg(m.hello.nodes.size())
                                    .arg(m_sources.front()->hello.nodes.size()));
        }
        if (!sourceOf(link)) {
            auto source = std::make_unique<Source>();
            source->hello = m.hello;
            m_sources.push_back(std::move(source));
        }
        emit linksChanged();
        emit recordChanged();
        return;
    }
    Source *s = sourceOf(link);
    if (!s)
        return;
    switch (m.kind) {
    case StreamMessage::Kind::Event:
        if (m.event.seq <= s->lastSeq)
            return; // taken already from a replay or the process's other port
        s->lastSeq = m.event.seq;
        s->events.append(m.event);
        break;
    case StreamMessage::Kind::Attempt:
        // Numbered by the process; a reconnect replays them: an update in place.
        if (m.index < s->attempts.size())
            s->attempts[m.index] = m.attempt;
        else if (m.index == s->attempts.size())
            s->attempts.append(m.attempt);
        else
            return link->refuse(QStringLiteral("attempt %1 skips attempts %2 to %3")
                                    .arg(m.index)
                                    .arg(s->attempts.size())
                                    .arg(m.index - 1));
        break;
    case StreamMessage::Kind::Rows:
        s->rows[size_t(m.rows.cluster)] = m.rows;
        break;
    case StreamMessage::Kind::Hello:
        break;
    }
    emit recordChanged();
}

const AttachSession::Source *AttachSession::rowsSource(int cluster) const
{
    // The process the user attached to for this cluster (a link in on its port; one up
    // first): an embedded serve hosts both clusters, but its other DB is not the one meant.
    const Source *found = nullptr;
    for (const auto &link : m_links) {
        if (!link->hello() || link->hello()->via != cluster)
            continue;
        for (const auto &s : m_sources)
            if (s->hello.session == link->hello()->session && s->rows[size_t(cluster)] &&
                (!found || link->state() == AttachLink::State::Up))
                found = s.get();
    }
    if (found)
        return found;
    for (const auto &s : m_sources) // else the newest process that hosts it
        if (s->rows[size_t(cluster)])
            found = s.get();
    return found;
}

std::optional<qint64> AttachSession::baseEpochUs() const
{
    std::optional<qint64> base;
    for (const auto &s : m_sources)
        if (!base || s->hello.startEpochUs < *base)
            base = s->hello.startEpochUs;
    return base;
}

qint64 AttachSession::nowUs() const
{
    const std::optional<qint64> base = baseEpochUs();
    if (!base)
        return 0;
    return std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() * 1000 - *base);
}

RunResult AttachSession::snapshot() const
{
    RunResult r;
    r.scenario.name = liveSessionScenarioName;
    r.scenario.title = QStringLiteral("Attached clusters");
    QStringList where;
    for (const auto &link : m_links)
        where << link->url();
    r.scenario.description = QStringLiteral("Events streamed from %1").arg(where.join(u", "));
    const std::optional<qint64> base = baseEpochUs();
    if (!base)
        return r;
    const StreamHello &first = m_sources.front()->hello;
    r.nodes = first.nodes;
    r.scenario.settings = first.settings;
    r.scenario.clients = EventStreamWriter::context(first).scenario.clients;

    int conflicts = 0;
    std::array<const Source *, 2> rowsFrom{nullptr, nullptr};
    for (const auto &s : m_sources) {
        const qint64 shift = s->hello.startEpochUs - *base;
        const int offset = int(r.attempts.size());
        auto later = [shift](qint64 us) { return us < 0 ? us : us + shift; };
        for (Attempt a : s->attempts) {
            a.sentUs = later(a.sentUs);
            a.receivedUs = later(a.receivedUs);
            r.attempts.append(a);
        }
        for (Event e : s->events) {
            e.t = later(e.t);
            e.startUs = later(e.startUs);
            e.endUs = later(e.endUs);
            if (e.request >= 0)
                e.request += offset;
            r.events.append(e);
        }
        int sourceConflicts = 0;
        for (int c = 0; c < 2; ++c)
            if (s->rows[size_t(c)])
                sourceConflicts =
                    std::max(sourceConflicts, s->rows[size_t(c)]->replicationConflicts);
        conflicts += sourceConflicts;
    }
    for (int c = 0; c < 2; ++c)
        rowsFrom[size_t(c)] = rowsSource(c);
    // One log by time; stable, so each process's own order stays.
    std::stable_sort(r.events.begin(), r.events.end(),
                     [](const Event &a, const Event &b) { return a.t < b.t; });
    for (qsizetype i = 0; i < r.events.size(); ++i)
        r.events[i].seq = i;
    for (int c = 0; c < 2; ++c) {
        const Source *s = rowsFrom[size_t(c)];
        if (!s)
            continue;
        const qint64 shift = s->hello.startEpochUs - *base;
        const StreamRows &rows = *s->rows[size_t(c)];
        r.keys[c] = rows.keys;
        for (KeyRow &k : r.keys[c]) {
            k.createdUs += shift;
            k.updatedUs += shift;
        }
        r.ledger[c] = rows.ledger;
        for (LedgerRow &l : r.ledger[c])
            l.atUs += shift;
    }
    // The scenario of a live record is the requests that came in (a timeline needs them).
    LiveRecorder::addRequestsOfAttempts(r, true);
    r.endUs = r.events.isEmpty() ? 0 : r.events.constLast().t;
    r.verdict = computeVerdict(r, conflicts);
    return r;
}

} // namespace idem
