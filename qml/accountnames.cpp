#include "accountnames.h"

#include <QRegularExpression>
#include <QStringList>

namespace idem::AccountNames {

QString display(const QString &account)
{
    static const QStringList people{
        QStringLiteral("alice"), QStringLiteral("bob"),  QStringLiteral("carol"),
        QStringLiteral("dave"),  QStringLiteral("erin"), QStringLiteral("frank"),
    };
    if (account.size() == 1 && account.at(0) >= QLatin1Char('A') &&
        account.at(0) < QLatin1Char(char('A' + people.size())))
        return people.at(account.at(0).unicode() - 'A');
    return account;
}

QString inText(const QString &text)
{
    static const QRegularExpression payment(QStringLiteral("(\\d+) ([^\\s→,()]+)→([^\\s→,()]+)"));
    QString out;
    qsizetype last = 0;
    auto it = payment.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += m.captured(1) + QLatin1Char(' ') + display(m.captured(2)) + QStringLiteral(" → ") +
               display(m.captured(3));
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace idem::AccountNames
