#pragma once

#include "model/scenario.h"

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace idem {

/// The clients of the scenario being edited, for the editor panel.
class ScenarioClientModel : public RowListModel<ClientSpec>
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ScenarioEditor")

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        RegionRole, ///< "A" or "B"
    };
    using RowListModel::RowListModel;

    QHash<int, QByteArray> roleNames() const override;
    void setRows(const QVector<ClientSpec> &clients);

protected:
    QVariant rowData(const ClientSpec &c, int role) const override;
};

} // namespace idem
