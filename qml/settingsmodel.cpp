#include "settingsmodel.h"

#include "session.h"

#include <cmath>

namespace idem {

namespace {

QString kindName(SettingKind kind)
{
    switch (kind) {
    case SettingKind::Toggle:
        return QStringLiteral("toggle");
    case SettingKind::Millis:
        return QStringLiteral("millis");
    case SettingKind::Count:
        return QStringLiteral("count");
    case SettingKind::Probability:
        return QStringLiteral("probability");
    case SettingKind::Choice:
        return QStringLiteral("choice");
    case SettingKind::Seed:
        return QStringLiteral("seed");
    }
    return {};
}

bool hasSlider(SettingKind kind)
{
    return kind == SettingKind::Millis || kind == SettingKind::Count ||
           kind == SettingKind::Probability;
}

} // namespace

SettingsModel::SettingsModel(QObject *parent) : QAbstractListModel(parent)
{
    for (const SettingInfo &info : settingInfos())
        m_stops.append(hasSlider(info.kind) ? stopsOf(info.control) : QVector<double>{});
    selectRows();
}

void SettingsModel::selectRows()
{
    const auto &infos = settingInfos();
    m_rows.clear();
    if (m_names.isEmpty()) {
        for (int i = 0; i < int(infos.size()); ++i)
            m_rows.append(i);
        return;
    }
    for (const QString &name : m_names)
        for (int i = 0; i < int(infos.size()); ++i)
            if (infos[size_t(i)].json == name)
                m_rows.append(i);
}

void SettingsModel::setNames(const QStringList &names)
{
    if (m_names == names)
        return;
    beginResetModel();
    m_names = names;
    selectRows();
    endResetModel();
    emit namesChanged();
}

const SettingInfo &SettingsModel::infoAt(int row) const
{
    return settingInfos()[size_t(m_rows[row])];
}

QVector<double> SettingsModel::stopsOf(const SettingControl &c)
{
    QVector<double> stops;
    if (!c.logScale) {
        // Counted in steps, not added up, so 2000 is 2000 and not 1999.9999.
        const qint64 n = qint64(std::llround((c.maximum - c.minimum) / c.step));
        for (qint64 i = 0; i <= n; ++i)
            stops.append(std::round((c.minimum + double(i) * c.step) * 1e9) / 1e9);
        return stops;
    }
    if (c.minimum <= 0)
        stops.append(0);
    static const double mantissas[] = {1, 1.5, 2, 3, 4, 5, 6, 8};
    for (double decade = std::pow(10.0, std::floor(std::log10(c.step))); decade <= c.maximum;
         decade *= 10)
        for (const double m : mantissas) {
            const double v = std::round(m * decade * 1e9) / 1e9;
            if (v >= std::max(c.step, c.minimum) && v < c.maximum)
                stops.append(v);
        }
    stops.append(c.maximum); // the end of the slider is the end of the range
    return stops;
}

int SettingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QJsonValue SettingsModel::valueOf(int row) const
{
    if (!m_session)
        return {};
    return m_session->scenario().settings.toJson().value(infoAt(row).json);
}

QVariant SettingsModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const SettingInfo &info = infoAt(index.row());
    const QVector<double> &stops = m_stops[m_rows[index.row()]];
    switch (Role(role)) {
    case NameRole:
        return info.json;
    case FlagRole:
        return info.flag;
    case LabelRole:
        return info.control.label;
    case KindRole:
        return kindName(info.kind);
    case UnitRole:
        return info.control.unit;
    case TipRole:
        return info.control.tip;
    case MinimumRole:
        return info.control.minimum;
    case MaximumRole:
        return info.control.maximum;
    case StopsRole: {
        QVariantList list;
        for (const double v : stops)
            list.append(v);
        return list;
    }
    case StopIndexRole: {
        if (stops.isEmpty())
            return -1;
        const double v = valueOf(index.row()).toDouble();
        const auto upper = std::lower_bound(stops.begin(), stops.end(), v);
        if (upper == stops.begin())
            return 0;
        if (upper == stops.end())
            return int(stops.size()) - 1;
        const auto lower = upper - 1;
        return int((v - *lower <= *upper - v ? lower : upper) - stops.begin());
    }
    case ValueRole:
        return valueOf(index.row()).toVariant();
    case ValueTextRole:
        return m_session ? m_session->scenario().settings.valueText(info.json) : QString();
    case ChoicesRole:
        return info.kind == SettingKind::Choice ? info.valueName.split(QLatin1Char('|'))
                                                : QStringList{};
    case ChoiceLabelsRole:
        return info.control.choiceLabels;
    case NoteRole:
        return m_session ? noteOf(info.json, m_session->scenario()) : QString();
    }
    return {};
}

QString SettingsModel::noteOf(const QString &name, const Scenario &scenario)
{
    if (name != QLatin1String("loss") || scenario.drops.isEmpty())
        return {};
    const int n = int(scenario.drops.size());
    return n == 1 ? tr("plus 1 scripted drop: the scenario loses that message on purpose, "
                       "whatever the loss")
                  : tr("plus %1 scripted drops: the scenario loses those messages on purpose, "
                       "whatever the loss")
                        .arg(n);
}

QHash<int, QByteArray> SettingsModel::roleNames() const
{
    return {{NameRole, "name"},       {FlagRole, "flag"},
            {LabelRole, "label"},     {KindRole, "kind"},
            {UnitRole, "unit"},       {TipRole, "tip"},
            {MinimumRole, "minimum"}, {MaximumRole, "maximum"},
            {StopsRole, "stops"},     {StopIndexRole, "stopIndex"},
            {ValueRole, "value"},     {ValueTextRole, "valueText"},
            {ChoicesRole, "choices"}, {ChoiceLabelsRole, "choiceLabels"},
            {NoteRole, "note"}};
}

void SettingsModel::setSession(Session *session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    beginResetModel();
    m_session = session;
    m_shown = session ? session->scenario().settings.toJson() : QJsonObject();
    m_shownNotes.clear();
    for (int row = 0; session && row < rowCount(); ++row)
        m_shownNotes.insert(infoAt(row).json, noteOf(infoAt(row).json, session->scenario()));
    endResetModel();
    if (session) {
        connect(session, &Session::settingsChanged, this, &SettingsModel::settingsChanged);
        // Another scenario (a preset, a file, a client's click) may bring other drops.
        connect(session, &Session::runChanged, this, &SettingsModel::settingsChanged);
    }
    emit sessionChanged();
}

void SettingsModel::settingsChanged()
{
    const QJsonObject now = m_session->scenario().settings.toJson();
    for (int row = 0; row < rowCount(); ++row) {
        const QString &name = infoAt(row).json;
        const bool value = now.value(name) != m_shown.value(name);
        const QString note = noteOf(name, m_session->scenario());
        const bool noteChanged = note != m_shownNotes.value(name);
        m_shownNotes.insert(name, note);
        if (value || noteChanged)
            emit dataChanged(index(row), index(row),
                             {StopIndexRole, ValueRole, ValueTextRole, NoteRole});
    }
    m_shown = now;
}

QString SettingsModel::set(int row, const QString &text)
{
    if (row < 0 || row >= rowCount())
        return tr("There is no setting number %1.").arg(row);
    if (!m_session)
        return tr("There is no run to change.");
    const SettingInfo &info = infoAt(row);
    if (const auto error = m_session->applySetting(info.json, text, info.control.label))
        return *error;
    return {};
}

QString SettingsModel::setStop(int row, int stop)
{
    if (row < 0 || row >= rowCount())
        return tr("There is no setting number %1.").arg(row);
    const QVector<double> &stops = m_stops[m_rows[row]];
    if (stop < 0 || stop >= stops.size())
        return tr("There is no position %1 on the slider of %2.")
            .arg(stop)
            .arg(infoAt(row).control.label);
    return set(row, QString::number(stops[stop], 'g', 16));
}

} // namespace idem
