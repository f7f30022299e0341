#include "captiontext.h"

#include "accountnames.h"
#include "model/runresult.h"

#include <QRegularExpression>

namespace idem {

QString displayCaption(const RunResult &run, int event)
{
    if (event < 0 || event >= run.events.size())
        return {};
    const Event &e = run.events[event];
    QString text = AccountNames::inText(e.caption);
    if (e.type != EventType::LockWait)
        return text;
    // The engine numbers the holder by attempt ("request #2"); the scene says R1, R1#2.
    static const QRegularExpression heldBy(QStringLiteral("\\(held by request #(\\d+)\\)"));
    const QRegularExpressionMatch m = heldBy.match(text);
    const int holder = m.hasMatch() ? m.captured(1).toInt() - 1 : -1;
    if (holder < 0 || holder >= run.attempts.size())
        return text;
    const Attempt &a = run.attempts[holder];
    const QString id =
        a.attempt == 1 ? a.request : QStringLiteral("%1#%2").arg(a.request).arg(a.attempt);
    const bool sameServer = a.serverNode >= 0 && a.serverNode == e.from;
    const QString where = sameServer ? QStringLiteral("another request on this same server")
                          : a.serverNode >= 0 && a.serverNode < run.nodes.size()
                              ? QStringLiteral("on %1").arg(run.nodes[a.serverNode].name)
                              : QString();
    text.replace(m.capturedStart(), m.capturedLength(),
                 where.isEmpty() ? QStringLiteral("(held by %1)").arg(id)
                                 : QStringLiteral("(held by %1, %2)").arg(id, where));
    return text;
}

} // namespace idem
