#pragma once

#include "rowlistmodel.h"

#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// One drop or fault as the editor panel lists it (see ScenarioEntries).
struct EntryRow
{
    QString text;        ///< what it does, in words
    QVariantList fields; ///< the fields to change it with
};

/// The drops, or the faults, of the scenario being edited, in the scenario's order.
class ScenarioEntryModel : public RowListModel<EntryRow>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ScenarioEditor")

public:
    enum Role
    {
        TextRole = Qt::UserRole + 1,
        FieldsRole, ///< a list of {name, label, value, choices}
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    void setRows(const QVector<EntryRow> &rows);

protected:
    QVariant rowData(const EntryRow &row, int role) const override;
};

} // namespace idem
