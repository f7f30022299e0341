#include "scenarioentrymodel.h"

namespace idem {

QVariant ScenarioEntryModel::rowData(const EntryRow &row, int role) const
{
    switch (role) {
    case TextRole:
        return row.text;
    case FieldsRole:
        return row.fields;
    }
    return {};
}

QHash<int, QByteArray> ScenarioEntryModel::roleNames() const
{
    return {{TextRole, "text"}, {FieldsRole, "fields"}};
}

void ScenarioEntryModel::setRows(const QVector<EntryRow> &rows)
{
    assignRows(rows, [](const EntryRow &a, const EntryRow &b) {
        return a.text == b.text && a.fields == b.fields;
    });
}

} // namespace idem
