#pragma once

#include "live/attachlink.h"
#include "model/runresult.h"

#include <QObject>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace idem {

/// The app's side of live mode across machines: attaches to the event streams of one or
/// more cluster processes (`idemlab-cli serve`, embedded or `--cluster A|B`) and merges
/// what they send into one RunResult, so the scene, the timeline, the verdict and the
/// exporters work on it as on the app's own live session.
///
/// Merging: node indices are the same in every process (LiveSession::nodes()); each
/// process (a session id) is a source whose requests are numbered after the sources before
/// it; times are rebased from each hello's startEpochUs to the earliest one; the events of
/// one process keep their order. Two URLs of one process (the embedded serve's two ports)
/// count once: an event is taken once by its sequence number. A restarted process (a new
/// session id on the same URL) is a new source: its events continue the record.
class AttachSession : public QObject
{
    Q_OBJECT

public:
    struct LinkInfo
    {
        QString url;
        AttachLink::State state = AttachLink::State::Down;
        QString why;
        QVector<int> clusters; ///< the clusters its process hosts (its last hello)
        int via = -1;          ///< the cluster whose port it is (-1 before a hello)
    };

    explicit AttachSession(QObject *parent = nullptr);
    ~AttachSession() override;

    /// Checks every URL, then connects to each (again, if attached already: the record
    /// starts over). False with errorString() on a bad URL: nothing changes.
    bool attach(const QStringList &urls);
    /// Closes every connection; the record stays for snapshot().
    void detach();

    [[nodiscard]] bool attached() const { return !m_links.empty(); }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QVector<LinkInfo> links() const;

    /// Everything received so far, merged (see the class comment).
    [[nodiscard]] RunResult snapshot() const;
    /// Now on the merged clock (µs since the earliest session start); 0 before any hello.
    [[nodiscard]] qint64 nowUs() const;

signals:
    /// Events, attempts or rows arrived.
    void recordChanged();
    /// A link's state changed (or the links did).
    void linksChanged();

private:
    struct Source;

    void receive(AttachLink *link, const StreamMessage &message);
    Source *sourceOf(AttachLink *link);
    /// Where cluster `cluster`'s rows come from (null: none received).
    [[nodiscard]] const Source *rowsSource(int cluster) const;
    [[nodiscard]] std::optional<qint64> baseEpochUs() const;

    std::vector<std::unique_ptr<AttachLink>> m_links;
    std::vector<std::unique_ptr<Source>> m_sources; ///< in the order first heard from
    QString m_error;
};

} // namespace idem
