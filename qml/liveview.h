#pragma once

#include "session.h"

#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// What the Live switch (LiveController) and attach (AttachController) share: a record of
/// real requests shown in the session's scene, refreshed at most every 100 ms however many
/// events a burst brings, the requests counted, and an error line. A subclass says what a
/// refresh reads (refresh()), what a new session connects to (connectSession()) and what
/// ends when the session changes (leaveSession()).
class LiveView : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS

    /// The session whose scene shows the record.
    Q_PROPERTY(idem::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    /// The last thing that went wrong, in words; empty when all is well.
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    /// Requests in the record shown.
    Q_PROPERTY(int requestCount READ requestCount NOTIFY requestCountChanged)

public:
    /// At most this many refreshes of the scene per second: a snapshot reads both DBs.
    static constexpr int refreshMs = 100;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);
    [[nodiscard]] QString errorText() const { return m_error; }
    [[nodiscard]] int requestCount() const { return m_requestCount; }

signals:
    void sessionChanged();
    void errorTextChanged();
    void requestCountChanged();

protected:
    /// The category of the warnings setError() logs (a Q_LOGGING_CATEGORY function).
    using Category = const QLoggingCategory &(*)();
    LiveView(Category category, QObject *parent);

    /// Shows the record now: called at most every refreshMs after scheduleRefresh().
    virtual void refresh() = 0;
    /// Before the session changes: end what showed the old one (stop, detach).
    virtual void leaveSession() {}
    /// After: connect to the new one (not null).
    virtual void connectSession(Session *session) = 0;

    /// A new event came: refresh soon, once for the whole burst.
    void scheduleRefresh();
    /// The record is gone or final: no refresh pending.
    void cancelRefresh() { m_refresh.stop(); }
    void setError(const QString &error);
    void setRequestCount(int count);

    QPointer<Session> m_session;

private:
    QTimer m_refresh;
    Category m_category;
    QString m_error;
    int m_requestCount = 0;
};

} // namespace idem
