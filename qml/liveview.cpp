#include "liveview.h"

namespace idem {

LiveView::LiveView(Category category, QObject *parent) : QObject(parent), m_category(category)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(refreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] { refresh(); });
}

void LiveView::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    leaveSession();
    m_session = session;
    if (session)
        connectSession(session);
    emit sessionChanged();
}

void LiveView::scheduleRefresh()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

void LiveView::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    if (!error.isEmpty())
        qCWarning(m_category).noquote() << error;
    emit errorTextChanged();
}

void LiveView::setRequestCount(int count)
{
    if (m_requestCount == count)
        return;
    m_requestCount = count;
    emit requestCountChanged();
}

} // namespace idem
