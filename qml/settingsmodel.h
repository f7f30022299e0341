#pragma once

#include "model/scenario.h"
#include "model/settings.h"

#include <QAbstractListModel>
#include <QJsonObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace idem {

class Session;

/// The settings table (settingInfos()) as rows for the GUI's settings drawer: one control
/// per setting, its current value in the session's scenario. A setting added to the
/// table appears here, and so in the drawer, by itself.
class SettingsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

    /// Whose settings the rows show and change.
    Q_PROPERTY(idem::Session *session READ session WRITE setSession NOTIFY sessionChanged FINAL)
    /// Only these settings (scenario-file names), in this order; empty: every setting, in
    /// the table's order. The toolbar shows a few, the drawer all.
    Q_PROPERTY(QStringList names READ names WRITE setNames NOTIFY namesChanged FINAL)

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1, ///< QString: the scenario-file field, "delayMs"
        FlagRole,                    ///< QString: the override, "delay-ms"
        LabelRole,                   ///< QString: "Network delay"
        KindRole,                    ///< QString: toggle, millis, count, probability, choice, seed
        UnitRole,                    ///< QString: "ms" or ""
        TipRole,                     ///< QString: the tooltip sentence
        MinimumRole,                 ///< double: the slider's lowest value
        MaximumRole,                 ///< double: the slider's highest value
        StopsRole,                   ///< QVariantList of double: the slider's values, in order
        StopIndexRole,               ///< int: the stop nearest the current value
        ValueRole,                   ///< QVariant: bool, double or QString
        ValueTextRole,               ///< QString: the value as typed ("2000", "0.05", "on")
        ChoicesRole,                 ///< QStringList: a choice's words ("seed", "original")
        ChoiceLabelsRole,            ///< QStringList: their labels
        NoteRole, ///< QString: what else in the scenario acts like this setting, or ""
    };
    Q_ENUM(Role)

    explicit SettingsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] Session *session() const { return m_session; }
    void setSession(Session *session);
    [[nodiscard]] QStringList names() const { return m_names; }
    void setNames(const QStringList &names);

    /// Sets row `row` from typed text (a number in the row's unit, on/off, a choice's word).
    /// Returns "" on success, else one line naming the setting and what it takes.
    Q_INVOKABLE QString set(int row, const QString &text);
    /// Sets row `row` to its slider's stop `stop`. "" on success, else the error line.
    Q_INVOKABLE QString setStop(int row, int stop);

    /// The values of a slider over `control` (log: 1, 1.5, 2, 3, 4, 5, 6, 8 per decade).
    [[nodiscard]] static QVector<double> stopsOf(const SettingControl &control);
    /// What the scenario does beside setting `name`: for the message loss, its scripted
    /// drops ("plus 1 scripted drop: …"); "" for the others.
    [[nodiscard]] static QString noteOf(const QString &name, const Scenario &scenario);

signals:
    void sessionChanged();
    void namesChanged();

private:
    void settingsChanged();
    void selectRows();
    [[nodiscard]] const SettingInfo &infoAt(int row) const;
    [[nodiscard]] QJsonValue valueOf(int row) const;

    QPointer<Session> m_session;
    QStringList m_names;
    QJsonObject m_shown; ///< the values the rows last showed, to announce only what changed
    QHash<QString, QString> m_shownNotes; ///< the notes they last showed, by setting name
    QVector<int> m_rows;                  ///< the rows shown, as indices into settingInfos()
    QVector<QVector<double>> m_stops;     ///< the stops of each row of settingInfos()
};

} // namespace idem
