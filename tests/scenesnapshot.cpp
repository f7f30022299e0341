#include "scenesnapshot.h"

#include <algorithm>

using namespace idem;

QString cell(const QVariant &v)
{
    if (v.typeId() == QMetaType::QStringList)
        return v.toStringList().join(QLatin1Char('|'));
    return v.toString();
}

/// A model's rows, each as "role=value role=value ...", roles in enum order.
QStringList dump(const QAbstractItemModel *model)
{
    const QHash<int, QByteArray> names = model->roleNames();
    QList<int> roles = names.keys();
    std::sort(roles.begin(), roles.end());
    QStringList rows;
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList cells;
        for (int role : roles)
            cells.append(QString::fromLatin1(names[role]) + QLatin1Char('=') +
                         cell(model->index(r, 0).data(role)));
        rows.append(cells.join(QLatin1Char(' ')));
    }
    return rows;
}

QVector<QPair<QString, QAbstractItemModel *>> models(SimulationController &c)
{
    return {{QStringLiteral("nodes"), c.models()->nodes()},
            {QStringLiteral("messages"), c.models()->messages()},
            {QStringLiteral("keysA"), c.models()->keysA()},
            {QStringLiteral("keysB"), c.models()->keysB()},
            {QStringLiteral("ledgerA"), c.models()->ledgerA()},
            {QStringLiteral("ledgerB"), c.models()->ledgerB()},
            {QStringLiteral("cache"), c.models()->cacheEntries()},
            {QStringLiteral("events"), c.models()->events()}};
}

/// Everything the GUI shows at the playhead, as text.
QStringList snapshot(SimulationController &c)
{
    QStringList s{
        QStringLiteral("time=%1").arg(c.playback()->timeUs()),
        QStringLiteral("end=%1").arg(c.playback()->endUs()),
        QStringLiteral("currentEvent=%1").arg(c.playback()->currentEvent()),
        QStringLiteral("eventCount=%1").arg(c.playback()->eventCount()),
        QStringLiteral("caption=") + c.text()->caption(),
        QStringLiteral("verdict=") + c.text()->verdictText(),
        QStringLiteral("anomaly=") + c.text()->anomalyText(),
        QStringLiteral("lockA=") + c.text()->lockTextA(),
        QStringLiteral("lockB=") + c.text()->lockTextB(),
        QStringLiteral("balancesA=") + c.text()->balancesA(),
        QStringLiteral("balancesB=") + c.text()->balancesB(),
    };
    for (const auto &[name, model] : models(c)) {
        s.append(QLatin1Char('[') + name + QLatin1Char(']'));
        s.append(dump(model));
    }
    return s;
}
